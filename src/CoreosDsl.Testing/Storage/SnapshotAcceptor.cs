namespace CoreosDsl.Testing;

/// <summary>
/// Accepts received snapshots below a folder: <c>X.received.ext</c> replaces <c>X.verified.ext</c> and
/// <c>X.received/</c> replaces <c>X.verified/</c> as a whole (so files the output no longer has go away). The C#
/// twin of <c>accept-snapshots.sh</c>; both skip hidden entries (<c>.git</c>, staging files).
/// </summary>
internal static class SnapshotAcceptor
{
    private const string ReceivedMarker = ".received.";
    private const string ReceivedFolderSuffix = ".received";

    /// <summary>Accepts everything received below <paramref name="root"/>; returns the verified paths written.</summary>
    public static IReadOnlyList<string> AcceptAll(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Cannot accept snapshots below '{root}': it is not a folder.");
        }

        var accepted = new List<string>();
        Walk(new DirectoryInfo(root), accepted);
        accepted.Sort(StringComparer.Ordinal);
        return accepted;
    }

    private static void Walk(DirectoryInfo folder, List<string> accepted)
    {
        foreach (var entry in folder.EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            if (entry.Name.StartsWith('.'))
            {
                continue;
            }

            if (entry is DirectoryInfo directory)
            {
                if (directory.Name.EndsWith(ReceivedFolderSuffix, StringComparison.Ordinal))
                {
                    var target = Path.Combine(folder.FullName, directory.Name[..^ReceivedFolderSuffix.Length] + ".verified");
                    SnapshotFolder.MoveOver(directory.FullName, target);
                    accepted.Add(target);
                }
                else
                {
                    Walk(directory, accepted);
                }
            }
            else if (entry.Name.LastIndexOf(ReceivedMarker, StringComparison.Ordinal) is var marker and > 0)
            {
                var verifiedName = entry.Name[..marker] + ".verified." + entry.Name[(marker + ReceivedMarker.Length)..];
                var target = Path.Combine(folder.FullName, verifiedName);
                File.Move(entry.FullName, target, overwrite: true);
                accepted.Add(target);
            }
        }
    }
}
