using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host;

/// <summary>
/// A response prepared once when the server starts: a worker's cloud-config or Ignition config, whose bytes are the
/// bytes <c>build</c> writes. Answering one is a dictionary lookup and a write, with no routing or result objects on
/// the way: the path every booting machine takes, so it is the one that sets the server's latency under load.
/// </summary>
/// <param name="Body">The bytes.</param>
/// <param name="ContentType">Their media type.</param>
/// <param name="Worker">The worker they belong to, for the request log.</param>
internal sealed record ServedDocument(byte[] Body, string ContentType, string Worker)
{
    /// <summary>Answers a <c>GET</c> (or <c>HEAD</c>) with this document.</summary>
    public Task WriteAsync(HttpContext http)
    {
        http.Items["worker"] = Worker;
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Body, 0, Body.Length, http.RequestAborted);
    }
}
