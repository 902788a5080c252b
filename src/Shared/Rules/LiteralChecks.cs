using System.Text;
using System.Text.RegularExpressions;
using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>
/// Checks one value against the syntax of a systemd directive or the format of a cloud-config key, with the parsers
/// and formatters the builders run (<see cref="DirectiveValue"/>, <see cref="CalendarEvent"/>,
/// <see cref="UnitName"/>, <see cref="SshPublicKey"/>): a value the builder would refuse at run time is refused
/// here with the same explanation, plus the rule's ID and the fix.
/// </summary>
internal static class LiteralChecks
{
    /// <summary>
    /// Checks a value of a systemd syntax (the names of <c>SystemdSyntaxAttribute</c>); null when it is valid or
    /// the syntax is not one this version knows.
    /// </summary>
    /// <param name="syntax">The syntax (<c>calendar</c>, <c>unit-name:service</c>, ...).</param>
    /// <param name="condition">True when the value may start with the condition prefixes <c>|</c> and <c>!</c>.</param>
    /// <param name="value">The value as the user wrote it.</param>
    /// <param name="origin">Where the value is, for the finding.</param>
    /// <param name="prefixes">The other prefixes the directive documents (<c>SystemdSyntaxAttribute.Prefixes</c>).</param>
    public static RuleFinding? CheckSystemd(string syntax, bool condition, string value, object? origin, string prefixes = "")
    {
        var finding = Check(syntax, condition, value, origin, prefixes);
        if (finding?.Replacement is { } replacement && Check(syntax, condition, replacement, origin, prefixes) is not null)
        {
            // Doubling the '%' is only offered when it makes the whole value valid.
            return new RuleFinding(finding.Rule, origin, finding.Arguments);
        }

        return finding;
    }

    private static RuleFinding? Check(string syntax, bool condition, string value, object? origin, string prefixes = "")
    {
        var written = value;
        if (condition)
        {
            value = DirectiveValue.SplitConditionPrefix(value).Value;
        }

        if (prefixes.Length > 0)
        {
            // The documented prefixes are not part of the value; '~' alone is the home directory where documented.
            value = DirectiveValue.SplitPrefixes(value, prefixes).Value;
            if (value == "~" && prefixes.IndexOf('~') >= 0)
            {
                return null;
            }
        }

        if (syntax == "unit-name" || syntax.StartsWith("unit-name:", StringComparison.Ordinal))
        {
            return CheckUnitName(syntax.Length > "unit-name:".Length ? syntax.Substring("unit-name:".Length) : null, value, origin);
        }

        switch (syntax)
        {
            case "env-name":
                return EnvironmentAssignment.IsValidName(value)
                    ? null
                    : Finding(RuleCatalog.InvalidEnvironmentName, origin,
                        $"{ValueText.Quote(value)} is not an environment variable name; use letters, digits and '_', not starting with a digit");
            case "env-value":
                return UnitFileWords.CheckWritable(value) is { } unwritable
                    ? Finding(RuleCatalog.InvalidValue, origin, $"The value cannot be written: {unwritable}.")
                    : null;
        }

        var check = ProblemCheck(syntax);
        if (check is null)
        {
            return null;
        }

        // Every string directive goes through DirectiveValue.Text first: line structure, stray spaces, specifiers.
        // (Paths that may be optional are checked after their '-' prefix, as the formatters do.)
        var unitContext = syntax is "unit" or "slice" or "service";
        var text = syntax is "optional-path" && value.Length > 0 && value[0] == '-' ? value.Substring(1) : value;
        if (DirectiveValue.TextProblem(text) is { } textProblem)
        {
            // Text checks the line structure first and the specifiers last: the first problem it names decides the ID.
            return SpecifierFinding(text, unitContext ? null : written, SpecifierContext.General, origin) is { } specifier
                && specifier.Message == textProblem
                ? specifier
                : Finding(RuleCatalog.InvalidValue, origin, textProblem);
        }

        if (unitContext && SpecifierFinding(value, null, SpecifierContext.UnitName, origin) is { } unitSpecifier)
        {
            return unitSpecifier;
        }

        if (check(value) is not { } problem)
        {
            return null;
        }

        return syntax switch
        {
            "calendar" => Finding(RuleCatalog.InvalidCalendarEvent, origin,
                problem + "; write a calendar event such as '*-*-* 05:00:00', 'Mon..Fri 09:00' or 'daily'"),
            "timespan" or "timespan-ns" => Finding(RuleCatalog.InvalidTimeSpan, origin,
                problem + "; write a time span such as '10s', '1h 30min' or 'infinity'"),
            "bytes" => Finding(RuleCatalog.InvalidSize, origin, problem + "; write a size such as '512M', '1G' or 'infinity'"),
            "percent-or-bytes" => Finding(RuleCatalog.InvalidSize, origin,
                problem + "; write a size such as '512M' or '1G', a percentage such as '50%', or 'infinity'"),
            "unit" => Finding(RuleCatalog.InvalidUnitName, origin, problem),
            "slice" => UnitName.TryParse(value, out _, out _)
                ? Finding(RuleCatalog.UnitNameOfWrongType, origin, problem + "; name a .slice unit (system.slice, machine.slice, ...)")
                : Finding(RuleCatalog.InvalidUnitName, origin, problem),
            "service" => UnitName.TryParse(value, out _, out _)
                ? Finding(RuleCatalog.UnitNameOfWrongType, origin, problem + "; name the .service unit the socket starts")
                : Finding(RuleCatalog.InvalidUnitName, origin, problem),
            "exec" => Finding(RuleCatalog.InvalidCommandLine, origin, problem),
            "path" or "optional-path" or "path-list" => problem.Contains("is not an absolute path")
                ? Finding(RuleCatalog.PathNotAbsolute, origin, problem)
                : Finding(RuleCatalog.InvalidValue, origin, problem),
            "mode" => Finding(RuleCatalog.InvalidFileMode, origin, problem),
            "environment" => problem.Contains("is not an environment variable name")
                ? Finding(RuleCatalog.InvalidEnvironmentName, origin, problem)
                : Finding(RuleCatalog.InvalidValue, origin, problem),
            _ => Finding(RuleCatalog.InvalidValue, origin, problem),
        };
    }

    /// <summary>
    /// Checks every directive of unit-file text (a raw unit's or drop-in's content) as if it had been passed to its
    /// builder method: <paramref name="syntaxOf"/> gives the syntax the generated builder's string overload takes
    /// for a section and directive (null for a directive it does not know, which stays unchecked). Text that cannot
    /// be read yields nothing here: the <c>unit-content</c> format check reports it.
    /// </summary>
    public static IEnumerable<RuleFinding> CheckUnitContent(
        string content, Func<string, string, DirectiveSyntax?> syntaxOf, object? origin)
    {
        if (!UnitFileReader.TryReadSections(content, out var sections, out _))
        {
            yield break;
        }

        foreach (var section in sections)
        {
            foreach (var entry in section.Entries)
            {
                // An empty value resets a list; it is what the builders' Reset writes.
                if (entry.Value.Length == 0 || syntaxOf(section.Name, entry.Key) is not { } syntax)
                {
                    continue;
                }

                var finding = syntax.Syntax == "bool"
                    ? CheckBoolean(syntax.Condition, entry.Value, origin)
                    : syntax.List
                        ? CheckList(syntax, entry.Value, origin)
                        : Check(syntax.Syntax, syntax.Condition, entry.Value, origin, syntax.Prefixes);
                if (finding is not null)
                {
                    yield return new RuleFinding(finding.Rule, origin, $"[{section.Name}] {entry.Key}=: {finding.Message}");
                }
            }
        }
    }

    /// <summary>
    /// A space-separated list as the builder's <c>params string[]</c> takes it word by word; the first bad word decides.
    /// Quoted words (paths with spaces) are left to systemd's own reader.
    /// </summary>
    private static RuleFinding? CheckList(DirectiveSyntax syntax, string value, object? origin)
    {
        if (value.IndexOf('"') >= 0 || value.IndexOf('\'') >= 0)
        {
            return null;
        }

        foreach (var word in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Check(syntax.Syntax, syntax.Condition, word, origin, syntax.Prefixes) is { } finding)
            {
                return finding;
            }
        }

        return null;
    }

    /// <summary>A boolean as systemd's parse_boolean reads it, for directives whose builders take only a bool.</summary>
    private static RuleFinding? CheckBoolean(bool condition, string value, object? origin)
    {
        if (condition)
        {
            value = DirectiveValue.SplitConditionPrefix(value).Value;
        }

        return SystemdBoolean.TryParse(value, out _)
            ? null
            : Finding(RuleCatalog.InvalidValue, origin, $"{ValueText.Quote(value)} is not a boolean; write yes or no (or true/false, on/off, 1/0)");
    }

    /// <summary>
    /// Checks a value of a cloud-config key with this format and validator pattern (the <c>format=</c> and
    /// <c>valid=</c> of <c>cloud-config.schema</c>); null when it is valid. Empty values are valid, as
    /// coreos-cloudinit skips them.
    /// </summary>
    public static RuleFinding? CheckCloudConfig(string format, string? pattern, string value, object? origin)
    {
        if (value.Length == 0)
        {
            return null;
        }

        switch (format)
        {
            case "url":
            case "url-list":
                return CheckUrl(value, list: format == "url-list", origin);
            case "hostname":
                return HostNameProblem(value) is { } hostProblem
                    ? Finding(RuleCatalog.InvalidHostName, origin,
                        $"{ValueText.Quote(value)} is not a host name: {hostProblem}; use dot-separated labels of 1 to 63 letters, digits and '-'")
                    : null;
            case "ssh-public-key":
                return SshPublicKey.TryValidate(value, out var keyProblem)
                    ? null
                    : Finding(RuleCatalog.InvalidSshKey, origin,
                        $"{ValueText.Quote(Abbreviate(value))} is not an SSH public key: {keyProblem}; paste the whole line of the .pub file (TYPE BASE64 [comment])");
            case "absolute-path":
                return value[0] == '/'
                    ? null
                    : Finding(RuleCatalog.PathNotAbsolute, origin, $"{ValueText.Quote(value)} is not an absolute path; start it with '/'");
            case "unit-name":
                // coreos.units also carries systemd-networkd files, which coreos-cloudinit writes to /etc/systemd/network.
                return value.EndsWith(".network", StringComparison.Ordinal) || value.EndsWith(".netdev", StringComparison.Ordinal)
                    || value.EndsWith(".link", StringComparison.Ordinal)
                    ? null
                    : CheckUnitName(null, value, origin);
            case "drop-in-name":
                return value.EndsWith(".conf", StringComparison.Ordinal) && value.IndexOf('/') < 0
                    ? null
                    : Finding(RuleCatalog.InvalidValue, origin,
                        $"{ValueText.Quote(value)} is not a drop-in name: systemd reads only files ending in .conf from a unit's .d directory; name it like 10-override.conf");
            case "unit-content":
                return UnitFileReader.TryReadSections(value, out _, out var unreadable)
                    ? null
                    : Finding(RuleCatalog.InvalidValue, origin, $"the unit content cannot be read: {unreadable}");
        }

        if (pattern is null || Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            return null;
        }

        return format == "file-mode"
            ? Finding(RuleCatalog.InvalidFileMode, origin,
                $"{ValueText.Quote(value)} is not an octal file mode such as 0644 (coreos-cloudinit's validator requires {pattern})")
            : Finding(RuleCatalog.ValueRefusedByValidator, origin,
                $"{ValueText.Quote(value)} does not match {pattern}, which coreos-cloudinit's validator requires of this key");
    }

    /// <summary>
    /// Checks a value passed where an Ignition builder takes a formatted string (<c>[IgnitionFormat]</c>) with the
    /// rules of <see cref="CoreosDsl.Ignition.IgnitionFormats"/>: a path that is not absolute or not simplified is
    /// CDSL260, the other formats report under the IDs of the same mistakes in cloud-config.
    /// </summary>
    public static RuleFinding? CheckIgnition(string format, string value, object? origin)
    {
        if (CoreosDsl.Ignition.IgnitionFormats.Problem(format, value) is not { } problem)
        {
            return null;
        }

        var rule = format switch
        {
            "path" => RuleCatalog.IgnitionPathNotClean,
            "url" => RuleCatalog.InvalidUrl,
            "mode" => RuleCatalog.InvalidFileMode,
            "unit-name" => RuleCatalog.InvalidUnitName,
            _ => RuleCatalog.InvalidValue,
        };
        var replacement = format == "path" && value.StartsWith("/", StringComparison.Ordinal)
            ? CoreosDsl.Ignition.IgnitionFormats.Clean(value)
            : null;
        return new RuleFinding(rule, origin, problem) { Replacement = replacement };
    }

    /// <summary>The value with every '%' that starts an invalid specifier doubled: the fix for CDSL207.</summary>
    public static string DoubleInvalidPercents(string value, SpecifierContext context)
    {
        var sb = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            sb.Append(c);
            if (c != '%' || i + 1 >= value.Length)
            {
                continue;
            }

            var next = value[i + 1];
            if (next == '%')
            {
                sb.Append(next);
                i++;
            }
            else if (!Specifiers.TryValidate("%" + next, context, out _))
            {
                sb.Append('%');
            }
        }

        return sb.ToString();
    }

    private static RuleFinding? CheckUnitName(string? type, string value, object? origin)
    {
        if (!UnitName.TryParse(value, out var name, out var error))
        {
            return Finding(RuleCatalog.InvalidUnitName, origin, error!);
        }

        if (type is null || UnitName.Suffix(name.Type) == type)
        {
            return null;
        }

        var builder = char.ToUpperInvariant(type[0]) + type.Substring(1);
        var builderOfName = UnitName.Suffix(name.Type);
        builderOfName = char.ToUpperInvariant(builderOfName[0]) + builderOfName.Substring(1);
        return Finding(RuleCatalog.UnitNameOfWrongType, origin,
            $"{ValueText.Quote(value)} names a .{UnitName.Suffix(name.Type)} unit, but the {builder} builder makes .{type} units; end the name in .{type}, or build it with {builderOfName}(...)");
    }

    private static RuleFinding? CheckUrl(string value, bool list, object? origin)
    {
        if (list && value.IndexOf(',') >= 0)
        {
            return Finding(RuleCatalog.InvalidUrl, origin,
                $"{ValueText.Quote(value)} holds a ',' but the URLs are joined with commas; pass each URL as its own argument");
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
            && (uri.Scheme == "http" || uri.Scheme == "https")
            && uri.Host.Length > 0
            && !value.Any(c => c <= ' '))
        {
            return null;
        }

        return Finding(RuleCatalog.InvalidUrl, origin,
            $"{ValueText.Quote(value)} is not an absolute http:// or https:// URL; write it like http://etcd.example.com:2379");
    }

    /// <summary>Schemes whose URLs have no host (<c>file:///etc/x</c>, <c>urn:...</c>, <c>mailto:...</c>).</summary>
    private static readonly HashSet<string> HostlessSchemes = new(StringComparer.OrdinalIgnoreCase) { "file", "urn", "mailto", "data", "tel", "news", "unix" };

    /// <summary>
    /// Checks the text of a <c>new Uri("...")</c> wherever it is written (a field, a property, a local): it must be
    /// an absolute URL with its scheme written out, no spaces, and a host unless the scheme has none. (.NET reads
    /// <c>etcd.example.com:2379</c> as a URL of the scheme <c>etcd.example.com</c>, and throws on a space in the host.)
    /// Null when it is one; what the value is used for may ask for more (<see cref="CheckCloudConfig"/>).
    /// </summary>
    public static RuleFinding? CheckUriText(string value, object? origin)
    {
        var colon = value.IndexOf(':');
        var schemeWritten = colon > 0 && char.IsLetter(value[0])
            && value.Take(colon).All(c => (c < 128 && char.IsLetterOrDigit(c)) || c is '+' or '-' or '.');
        if (!schemeWritten)
        {
            return Finding(RuleCatalog.InvalidUrl, origin,
                $"{ValueText.Quote(value)} is not an absolute URL: it has no scheme; write it like http://config.example.com/worker.yml");
        }

        if (value.Any(c => c <= ' ' || c == '\u007f') || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return Finding(RuleCatalog.InvalidUrl, origin,
                $"{ValueText.Quote(value)} is not an absolute URL (spaces and control characters must be percent-encoded, a host is letters, digits, '-' and '.'); write it like http://config.example.com/worker.yml");
        }

        if (uri.Host.Length == 0 && !HostlessSchemes.Contains(uri.Scheme))
        {
            return Finding(RuleCatalog.InvalidUrl, origin,
                $"{ValueText.Quote(value)} is a URL of the scheme '{uri.Scheme}' without a host; write the scheme first, like http://{value}");
        }

        return null;
    }

    /// <summary>Why <paramref name="value"/> is not an RFC 1123 host name, or null.</summary>
    private static string? HostNameProblem(string value)
    {
        if (value.Length > 253)
        {
            return $"it is {value.Length} characters long; the limit is 253";
        }

        var labels = value.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label.Length == 0)
            {
                return i == labels.Length - 1 && i > 0 ? "it ends in '.'" : "it has an empty label (two dots, or a leading dot)";
            }

            if (label.Length > 63)
            {
                return $"the label '{Abbreviate(label)}' is {label.Length} characters long; the limit is 63";
            }

            foreach (var c in label)
            {
                if (!(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
                {
                    return $"'{c}' is not allowed";
                }
            }

            if (label[0] == '-' || label[label.Length - 1] == '-')
            {
                return $"the label '{label}' starts or ends with '-'";
            }
        }

        return null;
    }

    /// <summary>
    /// The check the builder's formatter for <paramref name="syntax"/> runs, returning its refusal instead of throwing
    /// it (the same message); null for a syntax this version does not know.
    /// </summary>
    private static Func<string, string?>? ProblemCheck(string syntax) => syntax switch
    {
        "text" => DirectiveValue.TextProblem,
        "path" => DirectiveValue.PathProblem,
        "optional-path" => DirectiveValue.OptionalPathProblem,
        "path-list" => DirectiveValue.PathProblem,
        "words" => DirectiveValue.WordProblem,
        "timespan" => DirectiveValue.TimeSpanTextProblem,
        "timespan-ns" => DirectiveValue.NanosecondTimeSpanTextProblem,
        "bytes" => DirectiveValue.BytesTextProblem,
        "percent-or-bytes" => DirectiveValue.PercentOrBytesTextProblem,
        "calendar" => DirectiveValue.CalendarTextProblem,
        "unit" => DirectiveValue.UnitProblem,
        "slice" => v => DirectiveValue.UnitProblem(v, UnitType.Slice),
        "service" => v => DirectiveValue.UnitProblem(v, UnitType.Service),
        "weight" => DirectiveValue.WeightTextProblem,
        "exec" => DirectiveValue.ExecTextProblem,
        "mode" => DirectiveValue.ModeTextProblem,
        "signal" => DirectiveValue.SignalProblem,
        "user" => DirectiveValue.UserProblem,
        "environment" => DirectiveValue.EnvironmentTextProblem,
        "cpu-quota" => DirectiveValue.CpuQuotaProblem,
        "listen" => DirectiveValue.ListenAddressProblem,
        "listen-unix" => DirectiveValue.UnixListenAddressProblem,
        _ when DirectiveValue.IsResourceLimitSyntax(syntax) => v => DirectiveValue.ResourceLimitProblem(v, syntax),
        _ when DirectiveValue.TryParseRangeSyntax(syntax, out var min, out var max) => v => DirectiveValue.RangeProblem(v, min, max),
        _ => null,
    };

    /// <summary>
    /// A CDSL207 finding when <paramref name="value"/> has a bad specifier; the fix doubles the '%' in
    /// <paramref name="written"/> (the value with its condition prefix, as the literal holds it). No fix for a unit
    /// name (<paramref name="written"/> null): a literal '%' is never valid in one.
    /// </summary>
    private static RuleFinding? SpecifierFinding(string value, string? written, SpecifierContext context, object? origin)
    {
        if (Specifiers.TryValidate(value, context, out var error))
        {
            return null;
        }

        return new RuleFinding(RuleCatalog.UnknownSpecifier, origin, error!)
        {
            Replacement = written is null ? null : DoubleInvalidPercents(written, context),
        };
    }

    private static RuleFinding Finding(RuleDescriptor rule, object? origin, string message) => new(rule, origin, message);

    private static string Abbreviate(string value) => value.Length <= 40 ? value : value.Substring(0, 37) + "...";
}
