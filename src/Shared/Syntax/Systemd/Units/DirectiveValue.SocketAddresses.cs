using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// The addresses of <c>ListenStream=</c>, <c>ListenDatagram=</c> and <c>ListenSequentialPacket=</c>, as systemd's
/// socket address parser reads them (<c>value-grammars.md</c> §10): a port, <c>ADDR:PORT</c> (IPv4),
/// <c>[IPv6]:PORT</c>, an absolute AF_UNIX path, <c>@abstract</c>, or <c>vsock:CID:PORT</c>. Host names are not
/// resolved, so <c>localhost:80</c> is refused.
/// </summary>
public static partial class DirectiveValue
{
    /// <summary>A socket address of <c>ListenStream=</c>/<c>ListenDatagram=</c>.</summary>
    /// <exception cref="FormatException">systemd would ignore the address.</exception>
    public static string ListenAddress(string value) => Checked(value, ListenAddressProblem(value));

    /// <summary>An AF_UNIX socket address of <c>ListenSequentialPacket=</c>: an absolute path or <c>@abstract</c>.</summary>
    /// <exception cref="FormatException">systemd would ignore the address.</exception>
    public static string UnixListenAddress(string value) => Checked(value, UnixListenAddressProblem(value));

    /// <summary>Why systemd ignores <paramref name="value"/> as a <c>ListenStream=</c> address (see <see cref="ListenAddress"/>), or null.</summary>
    public static string? ListenAddressProblem(string value)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        if (value.Contains('%', StringComparison.Ordinal) || value[0] is '/' or '@')
        {
            return value[0] is '/' or '@' ? UnixListenAddressProblem(value) : null; // specifiers are expanded at load time
        }

        const string Shapes = "write a port (8080), ADDR:PORT (0.0.0.0:8080), [IPv6]:PORT ([::]:8080), an absolute path or @name";
        if (value.StartsWith("vsock:", StringComparison.Ordinal))
        {
            var parts = value.Split(':');
            return parts.Length == 3 && (parts[1].Length == 0 || IsDecimal(parts[1])) && PortProblem(parts[2]) is null
                ? null
                : $"\"{value}\" is not a vsock address; write vsock:CID:PORT (vsock:2:1234)";
        }

        if (value[0] == '[')
        {
            var close = value.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                return $"\"{value}\" is not a socket address: an IPv6 address in brackets needs ':PORT' after ']'; {Shapes}";
            }

            var address = value[1..close];
            var scope = address.IndexOf('%', StringComparison.Ordinal);
            if (!System.Net.IPAddress.TryParse(scope < 0 ? address : address[..scope], out var ip)
                || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return $"\"{value}\" is not a socket address: '{address}' is not an IPv6 address; {Shapes}";
            }

            return PortProblem(value[(close + 2)..]) is { } portProblem ? $"\"{value}\" is not a socket address: {portProblem}" : null;
        }

        var colon = value.LastIndexOf(':');
        if (colon < 0)
        {
            return PortProblem(value) is { } portProblem ? $"\"{value}\" is not a socket address: {portProblem}; {Shapes}" : null;
        }

        var host = value[..colon];
        var ifname = host.IndexOf('%', StringComparison.Ordinal);
        if (!IsIPv4(ifname < 0 ? host : host[..ifname]))
        {
            return $"\"{value}\" is not a socket address: '{host}' is not an IPv4 address (systemd does not resolve host names; put an IPv6 address in brackets); {Shapes}";
        }

        return PortProblem(value[(colon + 1)..]) is { } problemOfPort ? $"\"{value}\" is not a socket address: {problemOfPort}" : null;
    }

    /// <summary>Why systemd ignores <paramref name="value"/> as an AF_UNIX address (see <see cref="UnixListenAddress"/>), or null.</summary>
    public static string? UnixListenAddressProblem(string value)
    {
        if (TextProblem(value) is { } problem)
        {
            return problem;
        }

        if (value[0] == '@')
        {
            return value.Length > 1 ? null : "\"@\" is not an abstract socket address: give it a name (@my-socket)";
        }

        if (value[0] != '/' && !value.StartsWith('%'))
        {
            return $"\"{value}\" is not an AF_UNIX socket address: write an absolute path (/run/app.sock) or @name";
        }

        // sun_path holds 108 bytes including the terminating NUL.
        return System.Text.Encoding.UTF8.GetByteCount(value) > 107
            ? $"\"{value}\" is too long for an AF_UNIX socket path (at most 107 bytes)"
            : null;
    }

    private static string? PortProblem(string port) =>
        IsDecimal(port) && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535
            ? null
            : $"'{port}' is not a port (1 to 65535)";

    private static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => IsDecimal(p) && p.Length <= 3 && (p.Length == 1 || p[0] != '0')
            && int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) <= 255);
    }

    private static bool IsDecimal(string text) => text.Length > 0 && text.All(c => c is >= '0' and <= '9');
}
