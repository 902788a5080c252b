using System.Net;

namespace CoreosDsl.Host;

/// <summary>
/// One request the server answered, for the request log. A value queued as the request ends: it holds what the
/// request already has (the client's address object, the path and query strings), and the text of the log line is
/// built later by the log's writer, off the request path.
/// </summary>
/// <param name="Time">When it arrived (UTC).</param>
/// <param name="RemoteAddress">The client's address, or null when the transport has none.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query, with its leading '?', or empty.</param>
/// <param name="Status">The response status code.</param>
/// <param name="Bytes">The response body's length.</param>
/// <param name="Elapsed">How long answering took.</param>
/// <param name="Worker">The worker served, if any.</param>
internal readonly record struct RequestLogEntry(DateTimeOffset Time, IPAddress? RemoteAddress, string Method, string Path, string Query, int Status,
    long Bytes, TimeSpan Elapsed, string? Worker)
{
    /// <summary>The client's address as the log prints it (<c>-</c> when unknown).</summary>
    public string Remote => RemoteAddress?.ToString() ?? "-";

    /// <summary>The path and query, as the log prints them.</summary>
    public string Target => Query.Length == 0 ? Path : Path + Query;
}
