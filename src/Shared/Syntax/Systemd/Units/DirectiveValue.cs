using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// Turns typed values into the text of a unit-file value, checking what systemd requires of each kind
/// (<c>value-grammars.md</c>). String arguments are unit-file syntax: <c>%</c> specifiers are live (unknown
/// ones are rejected; write <c>%%</c> for a literal percent sign). Typed arguments (<see cref="ExecCommand"/>,
/// <see cref="EnvironmentAssignment"/>) are literal and escaped for you. Every method throws
/// <see cref="FormatException"/> or <see cref="ArgumentException"/> with the rule broken; the section builders
/// wrap that into a <see cref="UnitDefinitionException"/> naming the unit, section and directive. Each check of
/// written text also has a form that returns the reason instead of throwing (<c>TextProblem</c>,
/// <c>CalendarTextProblem</c>, ...: DirectiveValue.Problems.cs), which the analyzers use.
/// </summary>
public static partial class DirectiveValue
{
    /// <summary>systemd's limit on a (joined) line.</summary>
    public const int MaxLineLength = 1024 * 1024;

    /// <summary>A boolean in the given spelling.</summary>
    public static string Bool(bool value, BooleanSpelling spelling) => spelling switch
    {
        BooleanSpelling.TrueFalse => value ? "true" : "false",
        _ => value ? "yes" : "no",
    };

    /// <summary>A plain string value (Description=, BusName=, Type= of a mount ...): stored as written.</summary>
    public static string Text(string value) => Checked(value, TextProblem(value));

    /// <summary>An absolute path (a leading specifier such as <c>%t</c> or <c>%h</c> counts as absolute).</summary>
    public static string Path(string value) => Checked(value, PathProblem(value));

    /// <summary>An absolute path with systemd's "ignore if missing" prefix <c>-</c> when <paramref name="optional"/>.</summary>
    public static string OptionalPath(string value, bool optional)
    {
        if (value.StartsWith('-'))
        {
            return "-" + Path(value[1..]);
        }

        return (optional ? "-" : "") + Path(value);
    }

    /// <summary>
    /// Several absolute paths, space-separated; paths with spaces are quoted; each may start with the
    /// <paramref name="prefixes"/> the directive documents (see <see cref="SplitPrefixes"/>).
    /// </summary>
    public static string PathList(IEnumerable<string> values, string prefixes) => JoinWords(values, v =>
    {
        var (prefix, rest) = SplitPrefixes(v, prefixes);
        var path = Path(rest);
        return prefix + (path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path);
    });

    /// <summary>
    /// A value that may start with the prefixes a directive documents (<c>WorkingDirectory=-/srv</c>): the prefixes
    /// are kept and the rest is checked by <paramref name="format"/>; when <paramref name="prefixes"/> holds
    /// <c>~</c>, the rest may also be <c>~</c> alone (the user's home directory).
    /// </summary>
    public static string Prefixed(string value, string prefixes, Func<string, string> format)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(format);
        var (prefix, rest) = SplitPrefixes(value, prefixes);
        return rest == "~" && prefixes.Contains('~', StringComparison.Ordinal) ? prefix + rest : prefix + format(rest);
    }

    /// <summary>
    /// Splits the leading prefixes off a value: each character of <paramref name="prefixes"/> at most once, in that
    /// order, as systemd reads them (<c>-+/srv</c> is ignore-if-missing then relative-to-root; <c>+-/srv</c> is not).
    /// A <c>~</c> in <paramref name="prefixes"/> is the home directory value, never split off.
    /// </summary>
    public static (string Prefix, string Value) SplitPrefixes(string value, string prefixes)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(prefixes);
        var i = 0;
        foreach (var p in prefixes)
        {
            if (p != '~' && i < value.Length && value[i] == p)
            {
                i++;
            }
        }

        return (value[..i], value[i..]);
    }

    /// <summary>
    /// A user or group for <c>User=</c>, <c>Group=</c> and the like: a name or a numeric ID, as systemd's relaxed
    /// <c>valid_user_group_name()</c> accepts it (no <c>:</c> or <c>/</c>, not <c>.</c> or <c>..</c>, digits only
    /// when they are a valid ID).
    /// </summary>
    public static string User(string value) => Checked(value, UserProblem(value));

    /// <summary>Why systemd refuses <paramref name="value"/> as a user or group name, or null (values with specifiers are not judged).</summary>
    private static string? UserNameProblem(string value)
    {
        if (value.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        const string fix = "write a user or group name (core) or a numeric ID (500); set the group with Group=";
        if (value.Contains(':', StringComparison.Ordinal) || value.Contains('/', StringComparison.Ordinal))
        {
            return $"\"{value}\" is not a user or group name: ':' and '/' are not allowed in one; {fix}";
        }

        if (value is "." or "..")
        {
            return $"\"{value}\" is not a user or group name; {fix}";
        }

        var digits = value.StartsWith('-') ? value[1..] : value;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            // Digits only: a numeric ID, which must be decimal without leading zeros, below 4294967295, and not 65535.
            var valid = value[0] != '-' && (value == "0" || value[0] != '0')
                && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < 4294967295UL && id != 65535UL;
            if (!valid)
            {
                return $"\"{value}\" is not a valid numeric user or group ID (0 to 4294967294 without leading zeros, not 65535); {fix}";
            }
        }

        return null;
    }

    /// <summary>Several words of a plain list (space-separated, no quoting needed for any of them).</summary>
    public static string Words(IEnumerable<string> values) => JoinWords(values, v => Checked(v, WordProblem(v)));

    /// <summary>A time span (<c>10s</c>, <c>1h 30min</c>, <c>infinity</c>).</summary>
    public static string TimeSpan(TimeSpan value) => SystemdTimeSpan.Format(value);

    /// <summary>A time span written in systemd syntax, checked against the grammar.</summary>
    public static string TimeSpanText(string value) => TimeSpanText(value, TimeSpanDefaultUnit.Seconds);

    /// <summary>A time span written in systemd syntax whose bare numbers are nanoseconds (TimerSlackNSec=).</summary>
    public static string NanosecondTimeSpanText(string value) => TimeSpanText(value, TimeSpanDefaultUnit.Nanoseconds);

    /// <summary>A size in bytes (<c>32M</c>), base 1024.</summary>
    public static string Bytes(ByteSize value) => value.Format(ByteSizeBase.Base1024);

    /// <summary>A size written in systemd syntax (<c>32M</c>, <c>1G 512M</c>, <c>infinity</c>).</summary>
    public static string BytesText(string value) => Checked(value, BytesTextProblem(value));

    /// <summary>A percentage (<c>50%</c>).</summary>
    public static string Percent(Percent value) => value.ToString();

    /// <summary>A size, a percentage or <c>infinity</c> written in systemd syntax.</summary>
    public static string PercentOrBytesText(string value) => Checked(value, PercentOrBytesTextProblem(value));

    /// <summary>A calendar event.</summary>
    public static string Calendar(CalendarEvent value) => Text(value.Text);

    /// <summary>A calendar event written in systemd syntax, checked against the grammar.</summary>
    public static string CalendarText(string value) => Checked(value, CalendarTextProblem(value));

    /// <summary>One unit name.</summary>
    public static string Unit(string value) => Checked(value, UnitProblem(value));

    /// <summary>One unit name that must be of the given type (Slice= takes a <c>.slice</c>).</summary>
    public static string Unit(string value, UnitType type) => Checked(value, UnitProblem(value, type));

    /// <summary>Several unit names, space-separated (never quoted: systemd does not unquote unit lists).</summary>
    public static string UnitList(IEnumerable<string> values) => JoinWords(values, Unit);

    /// <summary>An exec command line.</summary>
    public static string Exec(ExecCommand value) => value.ToString();

    /// <summary>An exec command line as written in a unit file, checked against the grammar and kept as is.</summary>
    public static string ExecText(string value) => Checked(value, ExecTextProblem(value));

    /// <summary>Environment assignments, space-separated words (quoted where needed).</summary>
    public static string Environment(IEnumerable<EnvironmentAssignment> values) => JoinWords(values, v => v.ToString());

    /// <summary>
    /// A whole <c>Environment=</c> value as written in a unit file (raw text, drop-ins, what the typed overloads
    /// write): space-separated words, each <c>NAME=VALUE</c> after unquoting and C unescaping, as systemd's
    /// <c>config_parse_environ</c> reads them (<c>value-grammars.md</c> §8). <c>Environment="A=one two" B=3</c> is
    /// two assignments.
    /// </summary>
    /// <exception cref="FormatException">A word cannot be read, has no <c>=</c>, or its name is not a variable name.</exception>
    public static string EnvironmentText(string value) => Checked(value, EnvironmentTextProblem(value));

    /// <summary>One environment assignment from a name and a literal value.</summary>
    public static string Environment((string Name, string Value) assignment) =>
        new EnvironmentAssignment(assignment.Name, assignment.Value).ToString();

    /// <summary>An unsigned integer, plain decimal (systemd reads a leading zero as octal).</summary>
    public static string UInt(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A signed integer, plain decimal.</summary>
    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A weight, 1 to 10000.</summary>
    public static string Weight(ulong value) => value is >= 1 and <= 10000
        ? UInt(value)
        : throw new ArgumentOutOfRangeException(nameof(value), value, "a weight must be between 1 and 10000");

    /// <summary>A file mode, written in octal with a leading zero (<c>0755</c>).</summary>
    public static string Mode(UnixFileMode value)
    {
        var bits = (int)value;
        if (bits is < 0 or > 0xFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "a file mode has at most 12 bits (07777)");
        }

        return "0" + Convert.ToString(bits, 8).PadLeft(3, '0');
    }

    /// <summary>A file mode written in octal (<c>0755</c>, <c>644</c>).</summary>
    public static string ModeText(string value) => Checked(value, ModeTextProblem(value));

    /// <summary>A signal name or number (<c>SIGTERM</c>, <c>TERM</c>, <c>15</c>, <c>SIGRTMIN+3</c>).</summary>
    public static string Signal(string value) => Checked(value, SignalProblem(value));

    /// <summary>
    /// A condition or assertion: the value formatted by <paramref name="format"/> after the prefixes <c>|</c>
    /// (triggering) and <c>!</c> (negated), which may also be written at the start of <paramref name="value"/>.
    /// </summary>
    public static string Condition(string value, Func<string, string> format, bool negate, bool triggering)
    {
        var (prefix, rest) = SplitConditionPrefix(value);
        triggering |= prefix.Contains('|', StringComparison.Ordinal);
        negate |= prefix.Contains('!', StringComparison.Ordinal);
        return ConditionPrefix(triggering, negate) + format(rest);
    }

    /// <summary>One unit, referenced by its built unit file.</summary>
    public static string Unit(UnitFile unit) => unit.Name.Value;

    /// <summary>A unit of the given type (<c>Slice=</c> takes only a .slice), referenced by its built unit file.</summary>
    /// <exception cref="FormatException">The unit is of another type.</exception>
    public static string Unit(UnitFile unit, UnitType type)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.Name.Type == type
            ? unit.Name.Value
            : throw new FormatException($"\"{unit.Name.Value}\" is not a .{UnitName.Suffix(type)} unit");
    }

    /// <summary>Several units, referenced by their built unit files.</summary>
    public static string UnitList(IEnumerable<UnitFile> units) => JoinWords(units, Unit);

    /// <summary>Several enum values, space-separated, each formatted by <paramref name="format"/>.</summary>
    public static string Words<T>(IEnumerable<T> values, Func<T, string> format) => JoinWords(values, format);

    /// <summary>The prefix of a condition or assertion: <c>|</c> (triggering) then <c>!</c> (negated).</summary>
    public static string ConditionPrefix(bool triggering, bool negate) => (triggering ? "|" : "") + (negate ? "!" : "");

    /// <summary>
    /// Splits a condition written with its prefixes (<c>|!/usr/.noupdate</c>) into prefix and value, so that
    /// both spellings of a condition are accepted.
    /// </summary>
    public static (string Prefix, string Value) SplitConditionPrefix(string value)
    {
        var i = 0;
        if (i < value.Length && value[i] == '|')
        {
            i++;
        }

        if (i < value.Length && value[i] == '!')
        {
            i++;
        }

        return (value[..i], value[i..]);
    }

    /// <summary>
    /// What would break the line structure of a unit file, or null: control characters (a newline ends the
    /// line), a trailing backslash (joins the next line), a line over 1 MiB, invalid UTF-16.
    /// </summary>
    public static string? LineProblem(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c))
            {
                return $"the value contains the control character U+{(int)c:X4} at position {i}; unit-file values are one line " +
                    "(use C escapes such as \\n in Exec and Environment values)";
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) && !(char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1])))
            {
                return $"the value contains an unpaired surrogate at position {i}; it cannot be written as UTF-8";
            }
        }

        var backslashes = value.Length - value.TrimEnd('\\').Length;
        if (backslashes % 2 == 1)
        {
            return "the value ends in a backslash, which joins the next line; remove it or double it";
        }

        return value.Length > MaxLineLength ? "the value is longer than systemd's 1 MiB line limit" : null;
    }

    private static string TimeSpanText(string value, TimeSpanDefaultUnit unit) => Checked(value, TimeSpanTextProblem(value, unit));

    /// <summary><paramref name="value"/> when <paramref name="problem"/> is null; otherwise throws it.</summary>
    private static string Checked(string value, string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        return problem is null ? value : throw new FormatException(problem);
    }

    private static string JoinWords<T>(IEnumerable<T> values, Func<T, string> format)
    {
        var words = values.Select(format).ToList();
        return words.Count == 0
            ? throw new ArgumentException("at least one value is needed; call Reset(...) to write an empty assignment")
            : string.Join(' ', words);
    }
}
