namespace CoreosDsl.Iso9660.Tests;

/// <summary>A directory tree as comparable data: every path with its kind, content hash or link target, and permissions.</summary>
internal static class TreeSnapshot
{
    public sealed record Entry(string Kind, string Detail, UnixFileMode Mode);

    /// <summary>Reads a tree on disk (without following links).</summary>
    public static SortedDictionary<string, Entry> OfDisk(string root, bool withModes = true)
    {
        var result = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var info in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                var path = "/" + Path.GetRelativePath(root, info.FullName);
                var mode = withModes ? info.UnixFileMode : 0;
                if (info.LinkTarget is { } target)
                {
                    result[path] = new Entry("link", target, 0);
                }
                else if (info is DirectoryInfo)
                {
                    result[path] = new Entry("dir", "", mode);
                    pending.Push(info.FullName);
                }
                else
                {
                    result[path] = new Entry("file", Hash(File.ReadAllBytes(info.FullName)), mode);
                }
            }
        }

        return result;
    }

    /// <summary>Reads a tree with our reader.</summary>
    public static SortedDictionary<string, Entry> OfImage(IsoImage image, bool withModes = true)
    {
        var result = new SortedDictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var entry in image.EnumerateEntries())
        {
            var mode = withModes ? entry.Mode : 0;
            result[entry.FullPath] = entry switch
            {
                IsoSymbolicLink link => new Entry("link", link.Target, 0),
                IsoDirectory => new Entry("dir", "", mode),
                IsoFile file => new Entry("file", Hash(ReadAll(file)), mode),
                _ => throw new InvalidOperationException(),
            };
        }

        return result;
    }

    public static byte[] ReadAll(IsoFile file)
    {
        using var stream = file.Open();
        var bytes = new byte[file.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public static string Hash(byte[] bytes) => $"{bytes.Length}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}";

    /// <summary>Both snapshots as text, for a readable assertion diff.</summary>
    public static string Text(SortedDictionary<string, Entry> tree) => string.Join("\n", tree.Select(e => $"{e.Key} {e.Value.Kind} {e.Value.Detail} {Convert.ToString((int)e.Value.Mode, 8)}"));
}
