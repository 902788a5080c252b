using System.Globalization;
using CoreosDsl.Systemd;

namespace CoreosDsl.Networkd;

/// <summary>
/// A directive the typed networkd builders have: its section, name and value kind (generators/schemas/README.md,
/// "networkd"). <see cref="Problem"/> reads a value as written in a file, as systemd-networkd or udev 252 read it.
/// </summary>
/// <param name="Section">The section without brackets (<c>Network</c>).</param>
/// <param name="Name">The directive (<c>Address</c>).</param>
/// <param name="Kind">The schema's value kind (<c>prefix</c>, <c>list:mac</c>, <c>enum:DhcpMode</c>).</param>
/// <param name="Repeat">Whether each builder call adds a line (a later line adds to the earlier ones).</param>
/// <param name="Min">The least number a <c>uint</c> takes.</param>
/// <param name="Max">The largest number a <c>uint</c> takes.</param>
public sealed record NetworkdDirective(string Section, string Name, string Kind, bool Repeat, ulong Min, ulong Max)
{
    /// <summary>
    /// Values systemd-networkd 252 still reads besides the schema's, logging that they are deprecated: DHCP=both,
    /// none, v4, v6. (IPMasquerade= also reads a boolean, yes as ipv4; VLAN Protocol= is read without regard to case.)
    /// </summary>
    private static readonly Dictionary<string, string[]> DeprecatedSpellings = new(StringComparer.Ordinal)
    {
        ["DhcpMode"] = ["both", "none", "v4", "v6"],
    };

    /// <summary>The enum a <c>enum:NAME</c> or <c>list:enum:NAME</c> kind takes, or null.</summary>
    public string? EnumName =>
        Kind.StartsWith("enum:", StringComparison.Ordinal) ? Kind[5..]
        : Kind.StartsWith("list:enum:", StringComparison.Ordinal) ? Kind[10..]
        : null;

    /// <summary>Whether the value is a space-separated list of the kind's values.</summary>
    public bool IsList => Kind.StartsWith("list:", StringComparison.Ordinal);

    /// <summary>
    /// Why systemd refuses <paramref name="value"/> (as written after <c>=</c>, trimmed) for this directive, or null
    /// when it reads it. An empty value resets the directive and is always read. Kinds without a grammar of their
    /// own (<c>string</c>, globs) are not checked.
    /// </summary>
    public string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return null;
        }

        if (IsList)
        {
            var one = Kind[5..];
            foreach (var word in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (WordProblem(one, word) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        return WordProblem(Kind, value);
    }

    private string? WordProblem(string kind, string value)
    {
        if (kind.StartsWith("enum:", StringComparison.Ordinal))
        {
            var name = kind[5..];
            var values = NetworkdSchema.EnumValues(name);
            // systemd reads these settings with its boolean parser first: yes/no in any spelling of a boolean.
            var boolean = ((values.Contains("yes") && values.Contains("no")) || name == "IPMasqueradeMode") && BooleanProblem(value) is null;
            var read = values.Contains(value) || boolean
                || (DeprecatedSpellings.TryGetValue(name, out var old) && old.Contains(value))
                || (name == "VlanProtocol" && values.Contains(value.ToLowerInvariant()));
            return read ? null : $"\"{value}\" is not one of {string.Join(", ", values)}";
        }

        if (kind == "string" && StringGrammar(value) is { } grammar)
        {
            return grammar.Length == 0 ? null : grammar;
        }

        return kind switch
        {
            "bool" => BooleanProblem(value),
            "uint" => UIntProblem(value),
            "timespan" => DirectiveValue.TimeSpanTextProblem(value),
            "bytes" => SizeProblem(value),
            "mac" => NetworkdValue.MacProblem(value),
            "address" => NetworkdValue.AddressProblem(value),
            "prefix" => value.Contains('/', StringComparison.Ordinal)
                ? (IPPrefix.TryParse(value, out _, out var error) ? null : error)
                : NetworkdValue.AddressProblem(value),
            "gateway" => Thrown(() => NetworkdValue.GatewayText(value)),
            "dns" => Thrown(() => NetworkdValue.DnsText(value)),
            "ifname" => NetworkdValue.IfNameProblem(value),
            _ => null, // string, glob: any text
        };
    }

    /// <summary>
    /// The grammar of a string-typed directive whose values systemd reads as more than text: null when there is none
    /// to check, empty when <paramref name="value"/> fits it, else why not.
    /// </summary>
    private string? StringGrammar(string value) => (Section, Name) switch
    {
        // A boolean, or the minimum operational state (and optionally the maximum) for systemd-networkd-wait-online.
        ("Link", "RequiredForOnline") => BooleanProblem(value) is null
            || (value.Split(':') is { Length: <= 2 } states && states.All(OperationalStates.Contains))
                ? ""
                : $"\"{value}\" is neither a boolean nor an operational state ({string.Join(", ", OperationalStates)}), optionally MIN:MAX",
        ("VXLAN", "Local") => NetworkdValue.AddressProblem(value) is null || VxlanLocalWords.Contains(value)
            ? ""
            : $"\"{value}\" is neither an address nor one of {string.Join(", ", VxlanLocalWords)}",
        _ => null,
    };

    private static readonly string[] OperationalStates =
        ["missing", "off", "no-carrier", "dormant", "degraded-carrier", "carrier", "degraded", "enslaved", "routable"];

    private static readonly string[] VxlanLocalWords = ["dhcp4", "dhcp6", "slaac", "ipv4_link_local", "ipv6_link_local", "static"];

    private static string? BooleanProblem(string value) =>
        value.ToLowerInvariant() is "1" or "yes" or "y" or "true" or "t" or "on" or "0" or "no" or "n" or "false" or "f" or "off"
            ? null
            : $"\"{value}\" is not a boolean (yes, no, true, false, on, off, 1, 0)";

    private string? UIntProblem(string value) =>
        value.All(char.IsAsciiDigit) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (number >= Min && number <= Max ? null : $"{number} is not between {Min} and {Max}")
            : $"\"{value}\" is not a whole number from {Min} to {Max}";

    // systemd's parse_size: a number, optionally with a fraction, and an optional B, K, M, G, T, P or E suffix.
    private static string? SizeProblem(string value)
    {
        var number = value.TrimEnd();
        if (number.Length > 0 && "BKMGTPE".Contains(number[^1], StringComparison.Ordinal))
        {
            number = number[..^1].TrimEnd();
        }

        var parts = number.Split('.');
        return parts.Length <= 2 && parts[0].Length > 0 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            ? null
            : $"\"{value}\" is not a size: a number with an optional K, M or G suffix (1500, 9K)";
    }

    private static string? Thrown(Action check)
    {
        try
        {
            check();
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return e.Message;
        }
    }
}
