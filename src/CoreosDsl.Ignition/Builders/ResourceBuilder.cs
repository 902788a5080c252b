using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace CoreosDsl.Ignition;

/// <summary>Ways to fill a resource that the spec spells with several keys: inline text, local files, verified URLs.</summary>
public sealed partial class ResourceBuilder
{
    /// <summary>Contents given inline: a <c>data:</c> URL (Butane's <c>contents.inline</c>).</summary>
    /// <param name="text">The contents, written as UTF-8.</param>
    /// <returns>This builder.</returns>
    public ResourceBuilder Inline(string text) => Source(DataUrl.FromText(text));

    /// <summary>
    /// Contents given inline as bytes; with <paramref name="compress"/> gzip-compressed when that makes the config
    /// smaller (Ignition decompresses them).
    /// </summary>
    /// <param name="data">The contents.</param>
    /// <param name="compress">Whether to try gzip.</param>
    /// <returns>This builder.</returns>
    public ResourceBuilder Inline(byte[] data, bool compress = false)
    {
        var plain = DataUrl.FromBytes(data);
        if (compress)
        {
            var zipped = DataUrl.FromBytes(Gzip(data));
            if (zipped.Length < plain.Length)
            {
                Source(zipped);
                return Compression(IgnitionCompression.Gzip);
            }
        }

        return Source(plain);
    }

    /// <summary>
    /// Contents read now from a file of the machine that runs the definition (Butane's <c>contents.local</c>), stored
    /// inline.
    /// </summary>
    /// <param name="path">The file, relative to the current directory or absolute.</param>
    /// <param name="compress">Whether to gzip the contents when that makes the config smaller.</param>
    /// <returns>This builder.</returns>
    public ResourceBuilder Local(string path, bool compress = false) => Inline(File.ReadAllBytes(path), compress);

    /// <summary>Contents fetched from <paramref name="url"/> by Ignition and checked against <paramref name="hash"/>.</summary>
    /// <param name="url">An http(s), tftp, s3, gs or arn URL.</param>
    /// <param name="hash">The digest of the fetched bytes: <c>sha512-HEX</c> or <c>sha256-HEX</c> (see <see cref="Sha512(byte[])"/>).</param>
    /// <returns>This builder.</returns>
    public ResourceBuilder Remote(Uri url, [IgnitionFormat("hash")] string hash)
    {
        Source(url);
        return Verification(v => v.Hash(hash));
    }

    /// <summary>The <c>sha512-HEX</c> digest of <paramref name="data"/>, as <c>verification.hash</c> takes it.</summary>
    /// <param name="data">The bytes Ignition will fetch.</param>
    /// <returns>The digest.</returns>
    public static string Sha512(byte[] data) => "sha512-" + Convert.ToHexStringLower(SHA512.HashData(data));

    /// <summary>The <c>sha256-HEX</c> digest of <paramref name="data"/>, as <c>verification.hash</c> takes it.</summary>
    /// <param name="data">The bytes Ignition will fetch.</param>
    /// <returns>The digest.</returns>
    public static string Sha256(byte[] data) => "sha256-" + Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The <c>sha512-HEX</c> digest of the UTF-8 bytes of <paramref name="text"/>.</summary>
    /// <param name="text">The text Ignition will fetch.</param>
    /// <returns>The digest.</returns>
    public static string Sha512(string text) => Sha512(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        // The header's OS byte differs between platforms; Ignition ignores it, determinism needs it fixed.
        var bytes = buffer.ToArray();
        bytes[9] = 255;
        return bytes;
    }
}
