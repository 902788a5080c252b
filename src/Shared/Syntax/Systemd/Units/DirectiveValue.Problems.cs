using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// The checks of <see cref="DirectiveValue"/>'s text formatters, each returning why systemd refuses a value (the
/// same message the formatter throws) or null when it accepts it. They do not throw for bad input, so that the
/// analyzers can run them on every literal of a build.
/// </summary>
public static partial class DirectiveValue
{
    /// <summary>Why <paramref name="value"/> is not a plain one-line value (see <see cref="Text"/>), or null.</summary>
    public static string? TextProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "an empty value resets the directive; call Reset(...) to write an empty assignment";
        }

        if (LineProblem(value) is { } problem)
        {
            return problem;
        }

        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return $"\"{value}\" has leading or trailing white space, which systemd trims; remove it";
        }

        return Specifiers.TryValidate(value, SpecifierContext.General, out var error) ? null : error;
    }

    /// <summary>Why <paramref name="value"/> is not an absolute path (see <see cref="Path"/>), or null.</summary>
    public static string? PathProblem(string value) =>
        TextProblem(value)
        ?? (value[0] != '/' && !(value.Length >= 2 && value[0] == '%' && char.IsAsciiLetter(value[1]))
            ? $"\"{value}\" is not an absolute path; start it with '/'"
            : null);

    /// <summary>Why <paramref name="value"/> is not an absolute path, allowing systemd's leading <c>-</c> (see <see cref="OptionalPath"/>), or null.</summary>
    public static string? OptionalPathProblem(string value) =>
        PathProblem(value.StartsWith('-') ? value[1..] : value);

    /// <summary>Why <paramref name="value"/> is not one word of a plain list (see <see cref="Words(IEnumerable{string})"/>), or null.</summary>
    public static string? WordProblem(string value) =>
        TextProblem(value)
        ?? (value.Any(char.IsWhiteSpace) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\'', StringComparison.Ordinal)
            ? $"\"{value}\" contains white space or quotes; pass each word separately"
            : null);

    /// <summary>Why systemd refuses <paramref name="value"/> as a user or group (see <see cref="User"/>), or null.</summary>
    public static string? UserProblem(string value) => TextProblem(value) ?? UserNameProblem(value);

    /// <summary>Why <paramref name="value"/> is not a time span in systemd syntax (see <see cref="TimeSpanText(string)"/>), or null.</summary>
    public static string? TimeSpanTextProblem(string value) => TimeSpanTextProblem(value, TimeSpanDefaultUnit.Seconds);

    /// <summary>Why <paramref name="value"/> is not a time span whose bare numbers are nanoseconds (see <see cref="NanosecondTimeSpanText"/>), or null.</summary>
    public static string? NanosecondTimeSpanTextProblem(string value) => TimeSpanTextProblem(value, TimeSpanDefaultUnit.Nanoseconds);

    /// <summary>Why <paramref name="value"/> is not a size in systemd syntax (see <see cref="BytesText"/>), or null.</summary>
    public static string? BytesTextProblem(string value) =>
        TextProblem(value)
        ?? (value == "infinity" || ByteSize.TryParse(value, ByteSizeBase.Base1024, out _, out var error) ? null : error);

    /// <summary>Why <paramref name="value"/> is neither a size, a percentage nor <c>infinity</c> (see <see cref="PercentOrBytesText"/>), or null.</summary>
    public static string? PercentOrBytesTextProblem(string value) =>
        TextProblem(value) ?? (CoreosDsl.Systemd.Percent.TryParse(value, out _, out _) ? null : BytesTextProblem(value));

    /// <summary>Why <paramref name="value"/> is not a calendar event (see <see cref="CalendarText"/>), or null.</summary>
    public static string? CalendarTextProblem(string value) =>
        TextProblem(value) ?? (CalendarEvent.TryParse(value, out _, out var error) ? null : error);

    /// <summary>Why <paramref name="value"/> is not a unit name (see <see cref="Unit(string)"/>), or null.</summary>
    public static string? UnitProblem(string value)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        if (!Specifiers.TryValidate(value, SpecifierContext.UnitName, out var specifierError))
        {
            return specifierError;
        }

        return !value.Contains('%', StringComparison.Ordinal) && !UnitName.TryParse(value, out _, out var error) ? error : null;
    }

    /// <summary>Why <paramref name="value"/> is not the name of a unit of <paramref name="type"/> (see <see cref="Unit(string, UnitType)"/>), or null.</summary>
    public static string? UnitProblem(string value, UnitType type) =>
        UnitProblem(value)
        ?? (!value.Contains('%', StringComparison.Ordinal) && UnitName.TryParse(value, out var name, out _) && name.Type != type
            ? $"\"{value}\" is not a .{UnitName.Suffix(type)} unit"
            : null);

    /// <summary>Why <paramref name="value"/> is not a weight written in decimal, 1 to 10000 (see <see cref="Weight"/>), or null.</summary>
    public static string? WeightTextProblem(string value) =>
        TextProblem(value)
        ?? (ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) && weight is >= 1 and <= 10000
            ? null
            : $"{value}: a weight must be between 1 and 10000");

    /// <summary>Why <paramref name="value"/> is not an exec command line (see <see cref="ExecText"/>), or null.</summary>
    public static string? ExecTextProblem(string value) =>
        TextProblem(value) ?? (ExecCommand.TryParse(value, out _, out var error) ? null : error);

    /// <summary>Why <paramref name="value"/> is not a whole <c>Environment=</c> value (see <see cref="EnvironmentText"/>), or null.</summary>
    public static string? EnvironmentTextProblem(string value)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        const string expected = "a list of NAME=VALUE assignments";
        var position = 0;
        while (true)
        {
            if (!UnitFileWords.TryRead(value, ref position, out var word, out var start, out var error))
            {
                return error is null ? null : ValueText.Error(value, expected, error);
            }

            if (!Specifiers.TryValidate(word, SpecifierContext.General, out var specifierError))
            {
                return specifierError;
            }

            var equals = word.IndexOf('=');
            if (equals < 0)
            {
                return ValueText.Error(value, expected,
                    $"the word at column {start + 1} has no '='; write NAME=VALUE, and quote the whole word when the value has spaces (\"NAME=a b\")");
            }

            var name = word[..equals];
            if (!EnvironmentAssignment.IsValidName(name))
            {
                return ValueText.Error(value, expected,
                    $"{ValueText.Quote(name)} at column {start + 1} is not an environment variable name; use letters, digits and '_', not starting with a digit");
            }
        }
    }

    /// <summary>Why <paramref name="value"/> is not an octal file mode (see <see cref="ModeText"/>), or null.</summary>
    public static string? ModeTextProblem(string value) =>
        TextProblem(value)
        ?? (value.Length is < 1 or > 5 || value.Any(c => c is < '0' or > '7') || Convert.ToInt32(value, 8) > 0xFFF
            ? $"\"{value}\" is not an octal file mode (0000 to 07777)"
            : null);

    /// <summary>Why <paramref name="value"/> is not a signal name or number (see <see cref="Signal"/>), or null.</summary>
    public static string? SignalProblem(string value)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        var name = value.StartsWith("SIG", StringComparison.Ordinal) ? value[3..] : value;
        var ok = (name.Length > 0 && name.All(char.IsAsciiDigit)
                && int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65)
            || KnownSignals.Contains(name)
            || System.Text.RegularExpressions.Regex.IsMatch(name, @"^RTM(IN|AX)([+-]\d{1,2})?$");
        return ok ? null : $"\"{value}\" is not a signal name or number (SIGTERM, TERM, 15, SIGRTMIN+3)";
    }

    private static string? TimeSpanTextProblem(string value, TimeSpanDefaultUnit unit) =>
        TextProblem(value) ?? (SystemdTimeSpan.TryParse(value, unit, out _, out var error) ? null : error);

    private static readonly HashSet<string> KnownSignals = new(StringComparer.Ordinal)
    {
        "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "IOT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE",
        "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM",
        "PROF", "WINCH", "IO", "POLL", "PWR", "SYS",
    };
}
