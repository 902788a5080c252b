using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using CoreosDsl.Systemd;

namespace CoreosDsl.Networkd;

/// <summary>
/// Formats and checks networkd values for the generated builders, following what systemd-networkd 252 and udev
/// read (the value grammars of generators/schemas/README.md, "networkd"). Each check returns or throws the reason
/// in words; the builders turn it into a <see cref="UnitDefinitionException"/> naming file, section and directive.
/// </summary>
public static class NetworkdValue
{
    /// <summary><c>yes</c> or <c>no</c>.</summary>
    public static string Bool(bool value) => value ? "yes" : "no";

    /// <summary>A number within <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static string UInt(ulong value, ulong min, ulong max) =>
        value >= min && value <= max
            ? value.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentException($"{value} is not between {min} and {max}");

    /// <summary>A one-line value: not empty, no control characters, no white space at either end.</summary>
    public static string Text(string value) => Checked(value, TextProblem(value));

    /// <summary>One word of a space-separated list: <see cref="Text"/> without white space or quotes.</summary>
    public static string Word(string value) => Checked(value, TextProblem(value)
        ?? (value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? $"\"{value}\" contains white space or quotes; pass each word separately" : null));

    /// <summary>Several values, each formatted by <paramref name="format"/>, space-separated; at least one.</summary>
    public static string Words<T>(IEnumerable<T> values, Func<T, string> format)
    {
        ArgumentNullException.ThrowIfNull(values);
        var words = values.Select(format).ToList();
        return words.Count == 0
            ? throw new ArgumentException("at least one value is needed; call Reset(...) to write an empty assignment")
            : string.Join(' ', words);
    }

    /// <summary>A size in bytes: digits with an optional <c>K</c>, <c>M</c> or <c>G</c> suffix (base 1024).</summary>
    public static string BytesText(string value) => Checked(value,
        value.Length > 0 && value.TrimEnd('K', 'M', 'G').Length >= value.Length - 1 && value.TrimEnd('K', 'M', 'G') is { Length: > 0 } digits && digits.All(char.IsAsciiDigit)
            ? null
            : $"\"{value}\" is not a size: digits with an optional K, M or G suffix (1500, 9K)");

    /// <summary>A 6-byte hardware address, written <c>52:54:00:12:34:56</c>.</summary>
    public static string Mac(PhysicalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        return bytes.Length == 6
            ? string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)))
            : throw new ArgumentException($"a hardware address has 6 bytes, not {bytes.Length}");
    }

    /// <summary>A hardware address as written: six hex pairs joined by <c>:</c> or <c>-</c>, or three groups of four hex digits joined by <c>.</c> (leading zeros of a group may be left out).</summary>
    public static string MacText(string value) => Checked(value, MacProblem(value));

    /// <summary>Why <paramref name="value"/> is not a hardware address networkd reads, or null.</summary>
    public static string? MacProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // As systemd's parse_hw_addr reads them: a group may drop its leading zeros (52:54:0:aa:bb:6).
        static bool Groups(string text, char separator, int count, int digits) =>
            text.Split(separator) is var parts && parts.Length == count && parts.All(p => p.Length >= 1 && p.Length <= digits && p.All(char.IsAsciiHexDigit));
        return Groups(value, ':', 6, 2) || Groups(value, '-', 6, 2) || Groups(value, '.', 3, 4)
            ? null
            : $"\"{value}\" is not a hardware address; write six hex pairs (52:54:00:12:34:56)";
    }

    /// <summary>An IPv4 or IPv6 address (no scope).</summary>
    public static string Address(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetwork || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0)
            ? address.ToString()
            : throw new ArgumentException($"{address} is not an IPv4 or IPv6 address without a scope");
    }

    /// <summary>An address as written, read as inet_pton reads it (four decimal octets, or IPv6 hex groups).</summary>
    public static string AddressText(string value) => Checked(value, AddressProblem(value));

    /// <summary>Why <paramref name="value"/> is not an address inet_pton reads, or null.</summary>
    public static string? AddressProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var ok = value.Contains(':', StringComparison.Ordinal)
            ? value.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.') && IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
            : IsDottedQuad(value);
        return ok ? null : $"\"{value}\" is not an IPv4 or IPv6 address (10.0.0.1, fd00::1)";
    }

    /// <summary>An address with a prefix length.</summary>
    public static string Prefix(IPPrefix prefix) => prefix.Address is null ? throw new ArgumentException("the prefix is empty") : prefix.ToString();

    /// <summary>An address with an optional <c>/LENGTH</c>, as written (<c>10.0.0.5/24</c>).</summary>
    public static string PrefixText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('/', StringComparison.Ordinal))
        {
            return AddressText(value);
        }

        return IPPrefix.TryParse(value, out _, out var error) ? value : throw new FormatException(error);
    }

    /// <summary>A gateway: an address, or <c>_dhcp4</c> / <c>_ipv6ra</c> for the gateway DHCPv4 or router advertisements give.</summary>
    public static string GatewayText(string value) => value is "_dhcp4" or "_ipv6ra" ? value : AddressText(value);

    /// <summary>
    /// A DNS server as written: an address, optionally with <c>:PORT</c> (an IPv6 address then in brackets),
    /// <c>%INTERFACE</c> and <c>#SERVER-NAME</c>.
    /// </summary>
    public static string DnsText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var rest = value;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            Word(rest[(hash + 1)..]);
            rest = rest[..hash];
        }

        var percent = rest.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            var scope = rest[(percent + 1)..];
            if (!(scope.Length > 0 && scope.All(char.IsAsciiDigit)))
            {
                IfName(scope);
            }

            rest = rest[..percent];
        }

        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !rest[(close + 1)..].StartsWith(':') || !rest[1..close].Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"\"{value}\" is not a DNS server; an IPv6 address with a port is written [fd00::53]:53");
            }

            AddressText(rest[1..close]);
            Port(rest[(close + 2)..], value);
            return value;
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && rest.IndexOf(':', colon + 1) < 0 && IsDottedQuad(rest[..colon]))
        {
            Port(rest[(colon + 1)..], value);
            return value;
        }

        AddressText(rest);
        return value;
    }

    /// <summary>An interface name as the kernel takes it: 1 to 15 printable ASCII characters, no <c>/</c>, <c>:</c>, <c>%</c>, not only digits, not <c>.</c> or <c>..</c>.</summary>
    public static string IfName(string value) => Checked(value, IfNameProblem(value));

    /// <summary>Why <paramref name="value"/> is not an interface name, or null.</summary>
    public static string? IfNameProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length is 0 or > 15 ? $"\"{value}\" is not an interface name: 1 to 15 characters"
            : value.Any(c => c <= ' ' || c >= 127 || c is ':' or '/' or '%') ? $"\"{value}\" is not an interface name: printable ASCII without ':', '/', '%' or white space"
            : value is "." or ".." || value.All(char.IsAsciiDigit) ? $"\"{value}\" is not an interface name: not '.', '..' or only digits"
            : null;
    }

    private static string? TextProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length == 0 ? "an empty value resets the directive; call Reset(...) to write an empty assignment"
            : DirectiveValue.LineProblem(value) is { } problem ? problem
            : char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) ? $"\"{value}\" has leading or trailing white space, which systemd trims; remove it"
            : null;
    }

    private static void Port(string text, string value)
    {
        if (!(text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is > 0 and <= 65535))
        {
            throw new FormatException($"\"{text}\" in \"{value}\" is not a port from 1 to 65535");
        }
    }

    // inet_pton's IPv4 form: four decimal octets, no leading zeros, each at most 255.
    private static bool IsDottedQuad(string value) =>
        value.Split('.') is { Length: 4 } parts
        && parts.All(p => p.Length is > 0 and <= 3 && p.All(char.IsAsciiDigit) && !(p.Length > 1 && p[0] == '0') && int.Parse(p, CultureInfo.InvariantCulture) <= 255);

    private static string Checked(string value, string? problem) => problem is null ? value : throw new FormatException(problem);
}
