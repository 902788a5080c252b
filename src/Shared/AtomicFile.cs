using System.Globalization;
using System.Text;

namespace CoreosDsl.IO;

/// <summary>
/// Writes a file so that its path never holds a partial one: the content goes to a temporary file beside the
/// target (same folder, so the rename stays on one file system), which is renamed over the target when complete
/// and deleted when writing fails. Temporary names are unique per write (<c>.NAME.PID-GUID.tmp</c>), so two runs
/// never share one; those a killed run left behind (its process is gone) are removed by the next write of the
/// same target. One helper for every project that writes files: linked as source (src/Shared), not a library.
/// </summary>
internal static class AtomicFile
{
    private const string Suffix = ".tmp";

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, which gets a new, empty temporary file
    /// opened for reading and writing.
    /// </summary>
    /// <param name="path">The target.</param>
    /// <param name="write">Writes the content.</param>
    /// <param name="bufferSize">The stream's buffer (0 for none, when the writer does its own large writes).</param>
    /// <param name="deleteFirst">
    /// Delete the target before the rename instead of renaming over it: for large images, since renaming over an
    /// existing file makes ext4 (auto_da_alloc) flush the whole new file at once. The target is then briefly absent,
    /// but never partial.
    /// </param>
    public static void Write(string path, Action<FileStream> write, int bufferSize = 1 << 16, bool deleteFirst = false)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize);
            write(stream);
        }, deleteFirst);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> as UTF-8 without a byte order mark.</summary>
    public static void WriteAllText(string path, string text) =>
        WriteVia(path, temporary => File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>, which gets the temporary file's path and
    /// creates it (for steps that need a path, such as running an external tool on the file).
    /// </summary>
    public static void WriteVia(string path, Action<string> write, bool deleteFirst = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        RemoveStale(full);
        var temporary = TemporaryPath(full);
        try
        {
            write(temporary);
            if (deleteFirst)
            {
                File.Delete(full);
                File.Move(temporary, full);
            }
            else
            {
                File.Move(temporary, full, overwrite: true);
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// True when <paramref name="path"/> is a file holding exactly <paramref name="bytes"/>: a rewrite that would
    /// change nothing can be skipped, so timestamps stay (a sync to an object store or CDN sends only what changed)
    /// and nothing is renamed over.
    /// </summary>
    public static bool Holds(string path, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != bytes.Length)
        {
            return false;
        }

        try
        {
            return File.ReadAllBytes(file.FullName).AsSpan().SequenceEqual(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false; // removed since the check above
        }
    }

    /// <summary>A new temporary path beside <paramref name="fullPath"/>: <c>.NAME.PID-GUID.tmp</c>.</summary>
    public static string TemporaryPath(string fullPath) => Path.Combine(Path.GetDirectoryName(fullPath)!,
        string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullPath)}.{Environment.ProcessId}-{Guid.NewGuid():N}{Suffix}"));

    /// <summary>
    /// Deletes the temporary files of <paramref name="fullPath"/> that runs which no longer exist left behind
    /// (killed before they could clean up); those of running processes stay.
    /// </summary>
    /// <returns>The paths deleted.</returns>
    public static IReadOnlyList<string> RemoveStale(string fullPath)
    {
        var folder = Path.GetDirectoryName(fullPath)!;
        var prefix = "." + Path.GetFileName(fullPath) + ".";
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var candidate in Directory.EnumerateFiles(folder, prefix + "*" + Suffix))
        {
            var middle = Path.GetFileName(candidate)[prefix.Length..^Suffix.Length];
            var dash = middle.IndexOf('-', StringComparison.Ordinal);
            if (dash <= 0 || !int.TryParse(middle.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                || middle.Length - dash - 1 != 32 || IsRunning(pid))
            {
                continue;
            }

            try
            {
                File.Delete(candidate);
                removed.Add(candidate);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not ours to remove after all (permissions, a race with another cleanup): leave it.
            }
        }

        return removed;
    }

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return true;
        }

        if (Directory.Exists("/proc/self"))
        {
            return Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture));
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
