namespace CoreosDsl.Systemd.Tests.Values;

public class EnvironmentAndSpecifierTests
{
    [Theory]
    [InlineData("A", "1", "A=1")]
    [InlineData("A", "one two", "\"A=one two\"")]
    [InlineData("A", "", "A=")]
    [InlineData("A", "50%", "A=50%%")]
    [InlineData("A", "$HOME", "A=$HOME")]
    [InlineData("A", "say \"hi\"", "\"A=say \\\"hi\\\"\"")]
    [InlineData("A", "c:\\dir", "\"A=c:\\\\dir\"")]
    [InlineData("A", "line\nbreak", "\"A=line\\nbreak\"")]
    [InlineData("_x9", "caf\u00e9", "_x9=caf\u00e9")]
    public void AssignmentsAreQuotedWholeWhenNeeded(string name, string value, string expected)
    {
        var assignment = new EnvironmentAssignment(name, value);
        Assert.Equal(name, assignment.Name);
        Assert.Equal(value, assignment.Value);
        Assert.Equal(expected, assignment.ToString());

        // Reading the word back as systemd does gives NAME=VALUE with %% still to be expanded.
        var position = 0;
        Assert.True(UnitFileWords.TryRead(expected, ref position, out var word, out _, out _));
        Assert.Equal($"{name}={Specifiers.EscapeLiteral(value)}", word);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("A", true)]
    [InlineData("_", true)]
    [InlineData("a_B9", true)]
    [InlineData("9A", false)]
    [InlineData("A-B", false)]
    [InlineData("A.B", false)]
    [InlineData("\u00c4", false)]
    public void NamesAreLettersDigitsAndUnderscores(string name, bool valid)
    {
        Assert.Equal(valid, EnvironmentAssignment.IsValidName(name));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => new EnvironmentAssignment(name, "x"));
        }
    }

    [Fact]
    public void ValuesSystemdCannotHoldAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new EnvironmentAssignment("A", "nul\0"));
        Assert.Throws<ArgumentException>(() => new EnvironmentAssignment("A", "\udc00"));
        Assert.Equal("", default(EnvironmentAssignment).ToString());
    }

    [Theory]
    [InlineData("%n %N %p %P %i %I %j %J %f %y %Y %H %l %q %m %b %a %o %w %W %B %M %A %v %u %U %g %G %h %s %t %S %C %L %E %T %V %d %D %c %r %R", SpecifierContext.General)]
    [InlineData("%n-%N-%p-%i-%j-%a-%A-%b-%B-%H-%l-%q-%m-%M-%o-%v-%w-%W-%u-%U-%g-%G.service", SpecifierContext.UnitName)]
    [InlineData("100%% %", SpecifierContext.General)]
    [InlineData("%-%.%/%%", SpecifierContext.General)]
    [InlineData("", SpecifierContext.UnitName)]
    public void KnownSpecifiersAndLiteralPercentsAreValid(string value, SpecifierContext context) =>
        Assert.True(Specifiers.TryValidate(value, context, out var error), error);

    [Theory]
    [InlineData("100%z", SpecifierContext.General, "%z at column 4 is not a systemd specifier; write %% for a literal percent sign")]
    [InlineData("%0", SpecifierContext.General, "%0 at column 1 is not a systemd specifier")]
    [InlineData("%%%x", SpecifierContext.General, "%x at column 3")]
    [InlineData("foo-%f.service", SpecifierContext.UnitName, "%f at column 5 is not allowed where a unit name is expected; the name-safe specifiers are %n %N %p %i %j")]
    public void UnknownSpecifiersAreNamedWithTheirColumn(string value, SpecifierContext context, string reason)
    {
        Assert.False(Specifiers.TryValidate(value, context, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EscapeLiteralDoublesEveryPercent()
    {
        Assert.Equal("100%% %%n", Specifiers.EscapeLiteral("100% %n"));
        Assert.True(Specifiers.TryValidate(Specifiers.EscapeLiteral("%z%%%"), SpecifierContext.UnitName, out _));
    }
}
