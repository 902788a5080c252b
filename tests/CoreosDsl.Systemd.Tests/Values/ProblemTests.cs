namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// The reason-returning checks the analyzers run (DirectiveValue.*Problem, UnitFileReader.TryReadSections,
/// UnitName.TryFromPath) say exactly what the throwing formatters and parsers throw, and never throw for bad input.
/// </summary>
public class ProblemTests
{
    public static TheoryData<string, Func<string, string>, Func<string, string?>> Checks => new()
    {
        { "9999999999999", DirectiveValue.Signal, DirectiveValue.SignalProblem },
        { "SIGFOO", DirectiveValue.Signal, DirectiveValue.SignalProblem },
        { "*-*-* 25:00", DirectiveValue.CalendarText, DirectiveValue.CalendarTextProblem },
        { "10 parsecs", DirectiveValue.TimeSpanText, DirectiveValue.TimeSpanTextProblem },
        { "12Q", DirectiveValue.BytesText, DirectiveValue.BytesTextProblem },
        { "50%x", DirectiveValue.PercentOrBytesText, DirectiveValue.PercentOrBytesTextProblem },
        { "app", DirectiveValue.Unit, DirectiveValue.UnitProblem },
        { "bin/run", DirectiveValue.Path, DirectiveValue.PathProblem },
        { "99999", DirectiveValue.ModeText, DirectiveValue.ModeTextProblem },
        { "a:b", DirectiveValue.User, DirectiveValue.UserProblem },
        { "1A=x", DirectiveValue.EnvironmentText, DirectiveValue.EnvironmentTextProblem },
        { "/bin/echo \"open", DirectiveValue.ExecText, DirectiveValue.ExecTextProblem },
        { " padded", DirectiveValue.Text, DirectiveValue.TextProblem },
    };

    [Theory]
    [MemberData(nameof(Checks))]
    public void The_problem_is_what_the_formatter_throws(string value, Func<string, string> format, Func<string, string?> problem)
    {
        var reason = problem(value);
        Assert.NotNull(reason);
        Assert.Equal(reason, Assert.Throws<FormatException>(() => format(value)).Message);
    }

    public static TheoryData<string, Func<string, string?>> ValidValues => new()
    {
        { "SIGRTMIN+3", DirectiveValue.SignalProblem },
        { "*-*-* 05:00:00 Europe/Berlin", DirectiveValue.CalendarTextProblem },
        { "1h 30min", DirectiveValue.TimeSpanTextProblem },
        { "50%", DirectiveValue.PercentOrBytesTextProblem },
        { "/usr/bin/app --flag \"a b\"", DirectiveValue.ExecTextProblem },
        { "A=1 \"B=two words\"", DirectiveValue.EnvironmentTextProblem },
        { "-/etc/app.env", DirectiveValue.OptionalPathProblem },
    };

    [Theory]
    [MemberData(nameof(ValidValues))]
    public void Valid_values_have_no_problem(string value, Func<string, string?> problem) => Assert.Null(problem(value));

    [Fact]
    public void A_slice_check_names_the_wrong_type()
    {
        Assert.Equal("\"app.service\" is not a .slice unit", DirectiveValue.UnitProblem("app.service", UnitType.Slice));
        Assert.Null(DirectiveValue.UnitProblem("machine.slice", UnitType.Slice));
    }

    [Fact]
    public void Unreadable_unit_text_gives_the_reason_the_reader_throws()
    {
        const string text = "[Unit]\nDescription=x\n[Service\nExecStart=/bin/true\n";
        Assert.False(UnitFileReader.TryReadSections(text, out var sections, out var reason));
        Assert.Empty(sections);
        Assert.Equal(reason, Assert.Throws<FormatException>(() => UnitFileReader.ReadSections(text)).Message);
        Assert.Contains("line 3", reason, StringComparison.Ordinal);
        Assert.True(UnitFileReader.TryReadSections("[Unit]\nDescription=x\n", out var read, out var none));
        Assert.Null(none);
        Assert.Equal("Unit", Assert.Single(read).Name);
    }

    [Fact]
    public void A_relative_mount_path_gives_a_reason_and_an_absolute_one_the_name()
    {
        Assert.False(UnitName.TryFromPath("var/lib/data", UnitType.Mount, out _, out var reason));
        Assert.Contains("is not an absolute path", reason, StringComparison.Ordinal);
        Assert.True(UnitName.TryFromPath("/var/lib/data", UnitType.Mount, out var name, out _));
        Assert.Equal("var-lib-data.mount", name.Value);
    }
}
