using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host;

/// <summary>
/// An answer chosen by the request's path alone, before routing (see <see cref="ServeMiddleware"/>): a worker's
/// config, <c>boot.ipxe</c>, a machine's iPXE script. These are the requests every booting machine makes, so they
/// are the ones that set the server's latency under load: answering one is a dictionary lookup and a copy of bytes
/// prepared in advance into the response, with no routing, result objects or allocations on the way.
/// </summary>
/// <param name="worker">The worker it belongs to, for the request log; null for an answer every machine gets.</param>
internal abstract class PreparedAnswer(string? worker)
{
    /// <summary>The worker it belongs to, for the request log; null for an answer every machine gets.</summary>
    public string? Worker { get; } = worker;

    /// <summary>Answers a <c>GET</c> (or <c>HEAD</c>) with it.</summary>
    public abstract Task WriteAsync(HttpContext http);

    /// <summary>Answers 200 with <paramref name="body"/>: its type and length, and the bytes unless the method is <c>HEAD</c>.</summary>
    protected static Task Write(HttpContext http, byte[] body, string contentType)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            // Into the response's send buffer; the server sends it with the headers when the request ends (one send).
            response.BodyWriter.Write(body);
        }

        return Task.CompletedTask;
    }
}
