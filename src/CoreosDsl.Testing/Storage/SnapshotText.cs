using System.Text;

namespace CoreosDsl.Testing;

/// <summary>
/// Snapshot text on disk: UTF-8 without byte order mark, LF line endings, written atomically. The same bytes on
/// every OS, whatever the input's line endings or the checkout's.
/// </summary>
internal static class SnapshotText
{
    /// <summary>Encoding for writing: UTF-8, no byte order mark.</summary>
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Drops a leading byte order mark and turns CRLF and lone CR line endings into LF.</summary>
    public static string Normalize(string text)
    {
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }

    /// <summary>The advice for a snapshot file that is not UTF-8.</summary>
    public const string RewriteFix = "Snapshots hold text: delete the file and run the test again to write it anew.";

    /// <summary>
    /// Reads a file as normalized text; throws <see cref="InvalidDataException"/> ending with <paramref name="fix"/>
    /// when it is not UTF-8.
    /// </summary>
    public static string Read(string path, string fix = RewriteFix)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Normalize(StrictUtf8.GetString(bytes));
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException(
                $"{path}: expected UTF-8 text, found an invalid byte sequence at offset {e.Index}. {fix}", e);
        }
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file in the same folder, so a
    /// reader never sees a half-written file. The temporary name is hidden and git-ignored (<c>*.received.*</c>).
    /// </summary>
    public static void WriteAtomic(string path, string text)
    {
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, TemporaryName(Path.GetFileName(path), "tmp"));
        try
        {
            File.WriteAllText(temporary, text, Utf8NoBom);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// A hidden sibling name for staging: <c>.name.guid.received.kind</c>. Hidden, so the accept tools skip it;
    /// matching <c>*.received.*</c>, so git ignores it if a crash leaves it behind.
    /// </summary>
    public static string TemporaryName(string name, string kind) => $".{name}.{Guid.NewGuid():N}.received.{kind}";
}
