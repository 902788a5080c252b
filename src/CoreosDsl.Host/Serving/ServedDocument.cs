using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host;

/// <summary>
/// A response prepared once when the server starts: a worker's cloud-config or Ignition config, whose bytes are the
/// bytes <c>build</c> writes, or a script every machine gets (<c>boot.ipxe</c>). Every config the server answers is
/// answered by one of these, whether found by path before routing or by a route (<c>/cloud-config.yml?mac=</c>).
/// </summary>
/// <param name="body">The bytes.</param>
/// <param name="contentType">Their media type.</param>
/// <param name="worker">The worker they belong to, for the request log; null for a document every machine gets.</param>
internal sealed class ServedDocument(byte[] body, string contentType, string? worker) : PreparedAnswer(worker)
{
    /// <summary>The bytes.</summary>
    public byte[] Body { get; } = body;

    /// <summary>Their media type.</summary>
    public string ContentType { get; } = contentType;

    /// <inheritdoc />
    public override Task WriteAsync(HttpContext http) => Write(http, Body, ContentType);
}
