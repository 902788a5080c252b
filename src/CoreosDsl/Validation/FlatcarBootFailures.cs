using System.IO.Compression;
using System.Text.Json.Nodes;
using CoreosDsl.Ignition;
using CoreosDsl.Ignition.Validation;

namespace CoreosDsl;

/// <summary>
/// Ignition configs that ignition-validate and Butane pass but that fail a Flatcar boot in Ignition's files stage:
/// a file Flatcar already has written without <c>overwrite</c>, and <c>compression: gzip</c> on bytes that are not
/// gzip data. Part of <c>validate FILE.json</c> (<see cref="IgnitionFileValidation"/>), after ignition-validate's rules.
/// </summary>
internal static class FlatcarBootFailures
{
    /// <summary>The files of /etc a Flatcar root filesystem already holds when Ignition writes the config's files.</summary>
    private static readonly string[] FilesFlatcarShips = ["/etc/flatcar/update.conf"];

    /// <summary>The findings on the config of <paramref name="report"/>, which has no errors (so its source is JSON).</summary>
    public static IEnumerable<IgnitionValidationEntry> Check(IgnitionValidationReport report)
    {
        var root = JsonNode.Parse(report.Source);
        return ShippedFilesWithoutOverwrite(root, report.Files).Concat(GzipWithoutGzipData(root));
    }

    /// <summary>
    /// A file Flatcar already has, given contents without <c>overwrite: true</c>: since spec 3.0.0 <c>overwrite</c>
    /// defaults to false, and Ignition then fails the boot (<c>A file exists there already and overwrite is false</c>;
    /// Flatcar's update-strategy examples were fixed for this). Appending, or no contents, is fine.
    /// </summary>
    private static IEnumerable<IgnitionValidationEntry> ShippedFilesWithoutOverwrite(JsonNode? root, IReadOnlyList<IgnitionFileText> texts)
    {
        if (root?["storage"]?["files"] is not JsonArray files)
        {
            yield break;
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (files[i] is JsonObject file && Text(file["path"]) is { } path && FilesFlatcarShips.Contains(path)
                && file["contents"]?["source"] is JsonValue
                && !(file["overwrite"] is JsonValue o && o.TryGetValue<bool>(out var overwrite) && overwrite))
            {
                // At the file's contents when its text was read (a plain data URL), else at the file without a line.
                var where = texts.FirstOrDefault(t => t.Path == path)?.Where;
                yield return new IgnitionValidationEntry(IgnitionSeverity.Error, "overwrite", $"$.storage.files.{i}", where?.Line ?? 0, where?.Column ?? 0,
                    $"{path} exists on Flatcar before Ignition runs, and overwrite is not true, so Ignition fails the boot (a file exists there already and overwrite is false)")
                {
                    Fix = "add \"overwrite\": true (Butane: overwrite: true), or use append to add lines",
                    Length = where?.Length ?? 1,
                };
            }
        }
    }

    /// <summary>
    /// Resources that say <c>compression: gzip</c> but whose data URL holds no gzip data (Butane's
    /// <c>compression: gzip</c> beside <c>inline:</c> text writes that): ignition-validate and Butane pass them, but
    /// Ignition fails the boot when it writes the file (<c>failed to create file ...: unexpected EOF</c>).
    /// </summary>
    private static List<IgnitionValidationEntry> GzipWithoutGzipData(JsonNode? root)
    {
        var found = new List<IgnitionValidationEntry>();
        Walk(root, "$");
        return found;

        void Walk(JsonNode? node, string path)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (Text(obj["compression"]) == "gzip" && Text(obj["source"]) is { } url && DataUrl.TryDecode(url) is { } bytes && !IsGzip(bytes))
                    {
                        found.Add(new IgnitionValidationEntry(IgnitionSeverity.Error, "gzip", $"{path}.compression", 0, 0,
                            "compression is gzip, but the data URL's bytes are not gzip data, so Ignition fails the boot writing them (unexpected EOF)")
                        {
                            Fix = "drop compression to write the bytes as they are, or gzip them and give them base64 (data:;base64,H4sI...)",
                        });
                    }

                    foreach (var (key, child) in obj)
                    {
                        Walk(child, $"{path}.{key}");
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}.{i}");
                    }

                    break;
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Whether <paramref name="data"/> is a gzip stream that unpacks to its end, as Ignition's reader needs.</summary>
    private static bool IsGzip(byte[] data)
    {
        if (data.Length < 18 || data[0] != 0x1f || data[1] != 0x8b)
        {
            return false; // shorter than a gzip header and trailer, or without gzip's magic bytes
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            gzip.CopyTo(Stream.Null);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }
}
