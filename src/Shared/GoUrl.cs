namespace CoreosDsl.Go;

/// <summary>The parts of a URL that Go's <c>url.Parse</c> accepted.</summary>
/// <param name="Scheme">The scheme, lower-cased (empty for a relative URL).</param>
/// <param name="Opaque">What follows <c>scheme:</c> when it does not start with a slash (<c>data:</c> URLs), else empty.</param>
/// <param name="RawQuery">What follows the first <c>?</c>, not unescaped.</param>
/// <param name="Host">The host and port, unescaped.</param>
internal sealed record GoUrlParts(string Scheme, string Opaque, string RawQuery, string Host);

/// <summary>
/// Go's URL acceptance tests, for the validators that follow Go programs (coreos-cloudinit, Ignition):
/// <c>url.ParseRequestURI</c> (an absolute URI or an absolute path, with a well-formed authority and valid percent
/// escapes) and <c>url.Parse</c> (any URL reference, split into its parts). Linked as source (src/Shared).
/// </summary>
internal static class GoUrl
{
    public static bool IsValidRequestUri(string raw)
    {
        if (raw.Length == 0 || raw.Any(c => c < 0x20 || c == 0x7F))
        {
            return false;
        }

        if (raw == "*")
        {
            return true;
        }

        var (scheme, rest, ok) = SplitScheme(raw);
        if (!ok)
        {
            return false;
        }

        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            rest = rest[..q];
        }

        if (!rest.StartsWith('/'))
        {
            // "mailto:x" is an opaque absolute URI; anything else without a scheme must be an absolute path.
            return scheme.Length > 0;
        }

        if (scheme.Length > 0 && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authorityEnd = rest.IndexOf('/', 2);
            var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
            rest = authorityEnd < 0 ? "" : rest[authorityEnd..];
            if (!IsValidAuthority(authority))
            {
                return false;
            }
        }

        return HasValidEscapes(rest);
    }

    private static (string Scheme, string Remainder, bool Ok) SplitScheme(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return ("", raw, true);
                }

                continue;
            }

            if (c == ':')
            {
                return i == 0 ? ("", raw, false) : (raw[..i], raw[(i + 1)..], true);
            }

            return ("", raw, true);
        }

        return ("", raw, true);
    }

    private static bool IsValidAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        var host = authority;
        if (at >= 0)
        {
            var userinfo = authority[..at];
            host = authority[(at + 1)..];
            if (!userinfo.All(c => char.IsAsciiLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        string port;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            port = host[(close + 1)..];
            if (port.Length > 0 && port[0] != ':')
            {
                return false;
            }
        }
        else
        {
            var colon = host.LastIndexOf(':');
            port = colon >= 0 ? host[colon..] : "";
            var name = colon >= 0 ? host[..colon] : host;
            if (name.Any(c => c is ' ' or '<' or '>' or '"' or '{' or '}' or '|' or '\\' or '^' or '`' or '[' or ']') || !HasValidEscapes(name))
            {
                return false;
            }
        }

        return port.Length == 0 || port[1..].All(char.IsAsciiDigit);
    }

    private static bool HasValidEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Go's <c>url.Parse</c>: the parts of <paramref name="raw"/>, or null where Go returns an error (a control
    /// character, a missing scheme before <c>:</c>, a colon in a first relative segment, a bad authority, an invalid
    /// percent escape in the host, path or fragment).
    /// </summary>
    public static GoUrlParts? Parse(string raw)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? raw[(hash + 1)..] : "";
        var u = hash >= 0 ? raw[..hash] : raw;
        if (u.Any(c => c < 0x20 || c == 0x7F) || !HasValidEscapes(fragment))
        {
            return null;
        }

        if (u == "*")
        {
            return new GoUrlParts("", "", "", "");
        }

        var (scheme, rest, ok) = SplitScheme(u);
        if (!ok)
        {
            return null;
        }

        scheme = scheme.ToLowerInvariant();
        var query = "";
        if (rest.EndsWith('?') && rest.Count(c => c == '?') == 1)
        {
            rest = rest[..^1];
        }
        else if (rest.IndexOf('?', StringComparison.Ordinal) is var q and >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0)
            {
                return new GoUrlParts(scheme, rest, query, "");
            }

            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if ((slash < 0 ? rest : rest[..slash]).Contains(':', StringComparison.Ordinal))
            {
                return null; // "first path segment in URL cannot contain colon"
            }
        }

        var host = "";
        if ((scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var end = authority.IndexOf('/', StringComparison.Ordinal);
            rest = end >= 0 ? authority[end..] : "";
            authority = end >= 0 ? authority[..end] : authority;
            if (ParseAuthority(authority) is not { } parsed)
            {
                return null;
            }

            host = parsed;
        }

        return HasValidEscapes(rest) ? new GoUrlParts(scheme, "", query, host) : null;
    }

    // url.parseAuthority: the userinfo's characters and escapes, then the host (and port).
    private static string? ParseAuthority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userinfo = authority[..at];
            if (!userinfo.All(c => char.IsAsciiLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal)) || !HasValidEscapes(userinfo))
            {
                return null;
            }
        }

        var host = authority[(at + 1)..];
        string colonPort;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                return null; // "missing ']' in host"
            }

            colonPort = host[(close + 1)..];
        }
        else
        {
            var colon = host.LastIndexOf(':');
            colonPort = colon >= 0 ? host[colon..] : "";
        }

        if (colonPort.Length > 0 && (colonPort[0] != ':' || !colonPort[1..].All(char.IsAsciiDigit)))
        {
            return null; // "invalid port"
        }

        // unescape(host, encodeHost): only %25 and escapes of non-ASCII bytes, and no character a host must escape.
        for (var i = 0; i < host.Length; i++)
        {
            var c = host[i];
            if (c == '%')
            {
                if (i + 2 >= host.Length || !char.IsAsciiHexDigit(host[i + 1]) || !char.IsAsciiHexDigit(host[i + 2])
                    || (Convert.ToInt32(host[i + 1].ToString(), 16) < 8 && host.Substring(i, 3) != "%25"))
                {
                    return null;
                }

                i += 2;
            }
            else if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && !"!$&'()*+,;=:[]<>\"-_.~".Contains(c, StringComparison.Ordinal))
            {
                return null; // "invalid character in host name"
            }
        }

        return host;
    }
}
