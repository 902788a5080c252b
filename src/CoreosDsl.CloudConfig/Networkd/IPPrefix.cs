using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CoreosDsl.Networkd;

/// <summary>
/// An IP address with a prefix length, as networkd's <c>Address=</c> and <c>Destination=</c> take it:
/// <c>10.0.0.5/24</c> (an interface address keeps its host bits, unlike <see cref="IPNetwork"/>).
/// </summary>
public readonly record struct IPPrefix
{
    /// <summary>Creates a prefix.</summary>
    /// <param name="address">An IPv4 or IPv6 address without a scope.</param>
    /// <param name="length">The prefix length: 0 to 32 for IPv4, 0 to 128 for IPv6.</param>
    /// <exception cref="ArgumentException">The address has a scope, or the length is out of range.</exception>
    public IPPrefix(IPAddress address, int length)
    {
        ArgumentNullException.ThrowIfNull(address);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!(address.AddressFamily == AddressFamily.InterNetwork || (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId == 0)))
        {
            throw new ArgumentException($"{address} is not an IPv4 or IPv6 address without a scope", nameof(address));
        }

        if (length < 0 || length > max)
        {
            throw new ArgumentException($"the prefix length {length} is not between 0 and {max} for {address}", nameof(length));
        }

        Address = address;
        Length = length;
    }

    /// <summary>The address.</summary>
    public IPAddress Address { get; }

    /// <summary>The prefix length.</summary>
    public int Length { get; }

    /// <summary>Parses <c>ADDRESS/LENGTH</c> as inet_pton and systemd read it.</summary>
    /// <exception cref="FormatException">Not an address with a prefix length; the message says why.</exception>
    public static IPPrefix Parse(string text) =>
        TryParse(text, out var prefix, out var error) ? prefix : throw new FormatException(error);

    /// <summary>Parses <c>ADDRESS/LENGTH</c>; false with the reason when it is not one.</summary>
    public static bool TryParse(string text, out IPPrefix prefix, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        prefix = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            error = $"\"{text}\" has no prefix length; write ADDRESS/LENGTH (10.0.0.5/24)";
            return false;
        }

        if (NetworkdValue.AddressProblem(text[..slash]) is not null)
        {
            error = $"\"{text[..slash]}\" in \"{text}\" is not an IPv4 or IPv6 address (10.0.0.5/24, fd00::5/64)";
            return false;
        }

        var address = IPAddress.Parse(text[..slash]);
        var lengthText = text[(slash + 1)..];
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (lengthText.Length is 0 or > 3 || !lengthText.All(char.IsAsciiDigit) || (lengthText.Length > 1 && lengthText[0] == '0')
            || int.Parse(lengthText, CultureInfo.InvariantCulture) > max)
        {
            error = $"\"{lengthText}\" in \"{text}\" is not a prefix length from 0 to {max}";
            return false;
        }

        prefix = new IPPrefix(address, int.Parse(lengthText, CultureInfo.InvariantCulture));
        error = null;
        return true;
    }

    /// <summary><c>ADDRESS/LENGTH</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Address}/{Length}");
}
