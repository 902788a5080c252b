using System.Net;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The URL rules of etcd v3 for its <c>*_URLS</c> settings: scheme http, https, unix or unixs; for http(s) a host
/// and an explicit port and no path; a URL etcd binds to (<c>listen</c>) names an IP address (or localhost).
/// </summary>
public static class EtcdUrls
{
    /// <summary>Why <paramref name="url"/> is not an etcd URL, or null when it is.</summary>
    /// <param name="url">The URL.</param>
    /// <param name="listen">True for a URL etcd binds to, whose host must be an IP address.</param>
    /// <returns>The problem, naming the fix, or null.</returns>
    public static string? Problem(Uri url, bool listen)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return $"'{url}' is not an absolute URL; write scheme://HOST:PORT, such as http://10.0.0.1:2379";
        }

        var scheme = url.Scheme;
        if (scheme is "unix" or "unixs")
        {
            return null;
        }

        if (scheme is not ("http" or "https"))
        {
            return $"'{url.OriginalString}' has the scheme '{scheme}'; etcd takes http, https, unix or unixs URLs";
        }

        // What follows the authority must be empty: etcd refuses a path (even "/"), and a query or fragment is no address.
        var text = url.OriginalString.Trim();
        var afterScheme = text.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = text.IndexOfAny(['/', '?', '#'], afterScheme);
        if (end >= 0)
        {
            return $"'{url.OriginalString}' has a path, query or fragment; etcd refuses them: write {scheme}://{url.Authority}";
        }

        var authority = text[afterScheme..];
        var portStart = authority.LastIndexOf(':');
        if (portStart < 0 || portStart < authority.LastIndexOf(']') || portStart == authority.Length - 1)
        {
            return $"'{url.OriginalString}' has no port; etcd needs HOST:PORT: write {scheme}://{url.Host}:2379 for clients, :2380 for peers";
        }

        if (listen && url.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) && url.Host != "localhost")
        {
            return $"'{url.OriginalString}' names the host '{url.Host}'; etcd binds only to IP addresses (expected IP in URL for binding): write the machine's address, or 0.0.0.0 for all";
        }

        return null;
    }

    /// <summary>The URLs as etcd reads a list: comma-separated, each checked.</summary>
    /// <param name="urls">At least one URL.</param>
    /// <param name="listen">True for URLs etcd binds to.</param>
    /// <param name="parameter">The parameter name, for the exception.</param>
    /// <returns>The value of the variable.</returns>
    /// <exception cref="ArgumentException">No URL, or one etcd refuses.</exception>
    internal static string Join(IReadOnlyList<Uri> urls, bool listen, string parameter)
    {
        ArgumentNullException.ThrowIfNull(urls, parameter);
        if (urls.Count == 0)
        {
            throw new ArgumentException("give at least one URL", parameter);
        }

        foreach (var url in urls)
        {
            if (Problem(url, listen) is { } problem)
            {
                throw new ArgumentException(problem, parameter);
            }
        }

        return string.Join(",", urls.Select(u => u.OriginalString.Trim()));
    }
}
