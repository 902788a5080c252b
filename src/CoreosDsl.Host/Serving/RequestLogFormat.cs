using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CoreosDsl.Host;

/// <summary>
/// The request log's two forms: a plain line (<c>2026-11-25T20:59:05Z 127.0.0.1 GET /worker-2/cloud-config.yml 200
/// 2213B 5.3ms worker=worker-2</c>) and a JSON event (<c>serve --json</c>). The plain line is appended to the writer's
/// buffer field by field, so that a batch of entries becomes one write with no string per entry.
/// </summary>
internal static class RequestLogFormat
{
    /// <summary>Appends <paramref name="entry"/> as a plain line, without the line end.</summary>
    public static StringBuilder AppendPlain(StringBuilder text, in RequestLogEntry entry)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"{entry.Time:yyyy-MM-ddTHH:mm:ssZ} ");
        if (entry.RemoteAddress is { } remote)
        {
            text.Append(invariant, $"{remote}");
        }
        else
        {
            text.Append('-');
        }

        text.Append(invariant, $" {entry.Method} {entry.Path}{entry.Query} {entry.Status} {entry.Bytes}B {entry.Elapsed.TotalMilliseconds:0.0}ms");
        if (entry.Worker is not null)
        {
            text.Append(" worker=").Append(entry.Worker);
        }

        return text;
    }

    /// <summary><paramref name="entry"/> as a plain line.</summary>
    public static string Plain(in RequestLogEntry entry) => AppendPlain(new StringBuilder(), entry).ToString();

    /// <summary><paramref name="entry"/> as a JSON event (<c>"event": "request"</c>).</summary>
    public static JsonObject Json(in RequestLogEntry entry) => new()
    {
        ["event"] = "request",
        ["time"] = entry.Time.ToString("O", CultureInfo.InvariantCulture),
        ["remote"] = entry.Remote,
        ["method"] = entry.Method,
        ["target"] = entry.Target,
        ["status"] = entry.Status,
        ["bytes"] = entry.Bytes,
        ["ms"] = Math.Round(entry.Elapsed.TotalMilliseconds, 3),
        ["worker"] = entry.Worker,
    };
}
