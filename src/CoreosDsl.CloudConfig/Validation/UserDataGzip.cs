using System.IO.Compression;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// gzip'd user-data: coreos-cloudinit gunzips user-data that starts with the gzip magic (1f 8b) before anything else,
/// so a gzip'd cloud-config or <c>#!</c> script is read like the plain one. The unpacked size is bounded, so that a
/// small gzip bomb cannot exhaust memory. A stream cut short is unpacked as far as it goes, as Go's reader does:
/// coreos-cloudinit then logs "Failed decompressing user-data", applies that prefix and ends with failure.
/// </summary>
internal static class UserDataGzip
{
    /// <summary>The largest unpacked user-data accepted (far beyond any datasource's limit).</summary>
    public const int MaxSize = 32 * 1024 * 1024;

    /// <summary>Whether <paramref name="data"/> starts with the gzip magic.</summary>
    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    /// <summary>
    /// Unpacks <paramref name="data"/> (every gzip member, as Go's gzip reader does). <paramref name="truncated"/>
    /// says the stream ended before its end: the result is then what could be unpacked up to there.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a gzip stream at all (a broken header, from which Go's reader unpacks nothing), or larger than <see cref="MaxSize"/> unpacked; the message says which and what to do.</exception>
    public static byte[] Gunzip(byte[] data, out bool truncated)
    {
        if (!GoContentDecoder.HasGzipHeader(data))
        {
            throw Broken(null);
        }

        byte[] plain;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxSize)
                {
                    throw new InvalidDataException(
                        $"the user-data starts with the gzip magic (1f 8b) and unpacks to more than {MaxSize / (1024 * 1024)} MiB; a cloud-config is a few kilobytes: is this the right file?");
                }

                output.Write(buffer, 0, read);
            }

            plain = output.ToArray();
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith("the user-data", StringComparison.Ordinal))
        {
            throw Broken(e);
        }
        catch (EndOfStreamException e)
        {
            throw Broken(e);
        }

        // GZipStream ends quietly at a truncated stream, having given every byte it could decode, as Go's reader does
        // before it fails (and coreos-cloudinit then applies what it got). The trailer of a single member (CRC-32 and
        // size of what it unpacks to) tells a complete stream.
        truncated = !TrailerMatches(data, plain) && !HasLaterMember(data);
        return plain;
    }

    private static bool TrailerMatches(byte[] data, byte[] plain) =>
        data.Length >= 18
        && BitConverter.ToUInt32(data, data.Length - 8) == GoContentDecoder.Crc32(plain)
        && BitConverter.ToUInt32(data, data.Length - 4) == unchecked((uint)plain.Length);

    // A second member (gzip files may be concatenated) has a trailer of its own; its members are not checked one by one.
    private static bool HasLaterMember(byte[] data) => data.AsSpan(10).IndexOf((ReadOnlySpan<byte>)[0x1f, 0x8b, 0x08]) >= 0;

    private static InvalidDataException Broken(Exception? inner) => new(
        "the user-data starts with the gzip magic (1f 8b) but is not a complete gzip stream, so coreos-cloudinit cannot unpack it and applies nothing: compress it again with gzip (or remove the first two bytes if it is not gzip'd)",
        inner);
}
