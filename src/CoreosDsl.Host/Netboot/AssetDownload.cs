using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CoreosDsl.Host.Netboot;

/// <summary>
/// Answers a request for a kernel or initrd. A plain <c>GET</c> of the whole file (what iPXE sends) is streamed by
/// reading the image straight into the response's send buffer in large chunks; anything conditional or partial
/// (<c>HEAD</c>, <c>Range</c>, <c>If-*</c>) goes to ASP.NET Core's own file result, which implements those rules.
/// </summary>
/// <remarks>
/// The whole-file path does the work of a copy loop with one copy less: the framework's stream result reads 64 KiB
/// into a buffer of its own and copies it into the response pipe; here the image is read into the pipe's memory,
/// 256 KiB at a time, so each chunk reaches the socket as one send. The answer's headers are the framework's for the
/// same file (a test compares them with a <c>HEAD</c>).
/// </remarks>
internal static class AssetDownload
{
    /// <summary>How much of the file is read and handed to the socket at once.</summary>
    private const int ChunkSize = 256 * 1024;

    /// <summary>The content type of kernels and initrds.</summary>
    public const string ContentType = "application/octet-stream";

    /// <summary>Answers <paramref name="http"/> with <paramref name="asset"/>.</summary>
    public static Task Send(HttpContext http, StockAsset asset)
    {
        var request = http.Request;
        var headers = request.Headers;
        var whole = HttpMethods.IsGet(request.Method) && headers.Range.Count == 0 && headers.IfRange.Count == 0 &&
            headers.IfMatch.Count == 0 && headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince.Count == 0 && headers.IfUnmodifiedSince.Count == 0;
        return whole ? SendWholeAsync(http, asset) : Results.Stream(
            asset.File.Open(),
            ContentType,
            lastModified: asset.LastModified,
            entityTag: new EntityTagHeaderValue(asset.ETag),
            enableRangeProcessing: true).ExecuteAsync(http);
    }

    private static async Task SendWholeAsync(HttpContext http, StockAsset asset)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = asset.File.Length;
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = asset.ETag;
        response.Headers.LastModified = asset.LastModified.ToString("R", CultureInfo.InvariantCulture);

        await using var file = asset.File.Open();
        var writer = response.BodyWriter;
        var left = asset.File.Length;
        while (left > 0)
        {
            var memory = writer.GetMemory((int)Math.Min(ChunkSize, left));
            var read = await file.ReadAsync(memory[..(int)Math.Min(memory.Length, left)], http.RequestAborted);
            if (read == 0)
            {
                throw new EndOfStreamException($"the stock image ended inside {asset.ImagePath}");
            }

            writer.Advance(read);
            left -= read;
            var flushed = await writer.FlushAsync(http.RequestAborted);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return; // the client went away
            }
        }
    }
}
