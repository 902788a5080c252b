namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// Go's <c>url.ParseRequestURI</c> acceptance test: an absolute URI (<c>scheme:...</c>) or an absolute path,
/// with a well-formed authority (numeric port, bracketed IPv6, no spaces) and valid percent escapes.
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
}
