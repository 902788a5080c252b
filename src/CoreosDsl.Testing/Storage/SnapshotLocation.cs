namespace CoreosDsl.Testing;

/// <summary>
/// Where one snapshot lives: a folder and a base name <c>Type.Method[_Parameters]</c>, from which the verified and
/// received names follow (<c>base.verified.ext</c>, <c>base.verified/</c>, <c>base.received.ext</c>, <c>base.received/</c>).
/// </summary>
internal sealed record SnapshotLocation(string Folder, string BaseName)
{
    /// <summary>Characters replaced in <see cref="SnapshotSettings.Parameters"/>: not portable in file names.</summary>
    private static readonly char[] NotPortable = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    /// <summary>Identifies the snapshot within the process, whatever its kind (text or file set).</summary>
    public string Key => Path.Combine(Folder, BaseName);

    /// <summary><c>base.verified.ext</c>.</summary>
    public string VerifiedFile(string extension) => Path.Combine(Folder, $"{BaseName}.verified.{extension}");

    /// <summary><c>base.received.ext</c>.</summary>
    public string ReceivedFile(string extension) => Path.Combine(Folder, $"{BaseName}.received.{extension}");

    /// <summary><c>base.verified</c> (a folder).</summary>
    public string VerifiedFolder => Path.Combine(Folder, $"{BaseName}.verified");

    /// <summary><c>base.received</c> (a folder).</summary>
    public string ReceivedFolder => Path.Combine(Folder, $"{BaseName}.received");

    /// <summary>
    /// Deletes what a failed run of this snapshot left: the received folder and every <c>base.received.*</c> file
    /// (also one with another extension, from before the test changed it).
    /// </summary>
    public void DeleteReceived()
    {
        if (Directory.Exists(ReceivedFolder))
        {
            Directory.Delete(ReceivedFolder, recursive: true);
        }

        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder, $"{BaseName}.received.*"))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>The location for a call from <paramref name="sourceFile"/>'s <paramref name="member"/>.</summary>
    public static SnapshotLocation Resolve(SnapshotSettings settings, string sourceFile, string member)
    {
        var typeName = settings.TypeName ?? FileNameWithoutExtension(sourceFile);
        var methodName = settings.MethodName ?? member;
        CheckNamePart(typeName, nameof(SnapshotSettings.TypeName), "the test source file's name");
        CheckNamePart(methodName, nameof(SnapshotSettings.MethodName), "the calling member's name");

        var baseName = $"{typeName}.{methodName}";
        if (!string.IsNullOrEmpty(settings.Parameters))
        {
            baseName += "_" + string.Concat(settings.Parameters.Select(c => NotPortable.Contains(c) || char.IsControl(c) ? '-' : c));
        }

        var folder = settings.Directory is { } directory && Path.IsPathFullyQualified(directory)
            ? directory
            : Path.Combine(SourceFileLocator.FolderOf(sourceFile), settings.Directory ?? "");
        return new SnapshotLocation(Path.GetFullPath(folder), baseName);
    }

    /// <summary>The file name without extension, for a path written on any OS.</summary>
    private static string FileNameWithoutExtension(string path)
    {
        var name = path[(path.LastIndexOfAny(['/', '\\']) + 1)..];
        var dot = name.LastIndexOf('.');
        return dot > 0 ? name[..dot] : name;
    }

    private static void CheckNamePart(string value, string property, string defaultSource)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"The snapshot has no {property}: {defaultSource} is unknown. Set SnapshotSettings.{property}.");
        }

        if (value.IndexOfAny(NotPortable) >= 0 || value.Any(char.IsControl) || value.StartsWith('.'))
        {
            throw new ArgumentException(
                $"The snapshot {property} '{value}' cannot be part of a file name (it starts with '.' or has one of " +
                "< > : \" / \\ | ? * or a control character). Set SnapshotSettings." + property + " to a plain name.");
        }
    }
}
