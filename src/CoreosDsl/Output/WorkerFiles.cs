using System.Collections;
using System.Text;
using CoreosDsl.IO;

namespace CoreosDsl;

/// <summary>The files a worker produces: relative path (with '/') to text, in a fixed order.</summary>
public sealed class WorkerFiles : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly List<KeyValuePair<string, string>> files;

    internal WorkerFiles(IEnumerable<KeyValuePair<string, string>> files) => this.files = files.ToList();

    /// <inheritdoc />
    public int Count => files.Count;

    /// <inheritdoc />
    public KeyValuePair<string, string> this[int index] => files[index];

    /// <summary>The text of the file at <paramref name="path"/>.</summary>
    public string this[string path] => files.First(f => f.Key == path).Value;

    /// <summary>
    /// Writes the files into <paramref name="directory"/>, replacing it as a whole: the new content is written
    /// beside it and swapped in only when complete, so an interrupted run never leaves a half-written folder.
    /// A folder that already holds exactly these files, byte for byte and nothing else, is left as it is: a
    /// rebuild that changes nothing writes nothing (timestamps stay, and a fleet of unchanged workers costs reads only).
    /// </summary>
    /// <returns>The full paths of the files, in order.</returns>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        var target = Path.GetFullPath(directory);
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException($"\"{directory}\" has no parent folder");
        if (IsWrittenIn(target))
        {
            return files.Select(f => Path.Combine(target, f.Key.Replace('/', Path.DirectorySeparatorChar))).ToList();
        }

        Directory.CreateDirectory(parent);
        var staging = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        var written = new List<string>();
        try
        {
            foreach (var (path, text) in files)
            {
                var full = Path.Combine(staging, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                written.Add(Path.Combine(target, path.Replace('/', Path.DirectorySeparatorChar)));
            }

            var old = target + ".old-" + Guid.NewGuid().ToString("N")[..8];
            if (Directory.Exists(target))
            {
                Directory.Move(target, old);
            }

            Directory.Move(staging, target);
            if (Directory.Exists(old))
            {
                Directory.Delete(old, recursive: true);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return written;
    }

    /// <summary>True when <paramref name="folder"/> holds exactly these files with exactly this content, and nothing else.</summary>
    private bool IsWrittenIn(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return false;
        }

        var present = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(File.Exists)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .ToHashSet(StringComparer.Ordinal);
        if (!present.SetEquals(files.Select(f => f.Key)))
        {
            return false;
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        return files.All(f => AtomicFile.Holds(Path.Combine(folder, f.Key.Replace('/', Path.DirectorySeparatorChar)), utf8.GetBytes(f.Value)));
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => files.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
