namespace CoreosDsl.Fat;

/// <summary>A file or directory added to a <see cref="FatBuilder"/>, with what planning decides about it.</summary>
internal sealed class FatNode
{
    private readonly Dictionary<string, FatNode> _byName = new(StringComparer.OrdinalIgnoreCase);

    private FatNode(string name, FatNode? parent, bool isDirectory, FatAttributes attributes)
    {
        Name = name;
        Parent = parent;
        IsDirectory = isDirectory;
        Attributes = attributes;
    }

    /// <summary>The long name ("" for the root).</summary>
    public string Name { get; }

    /// <summary>The containing directory (null for the root).</summary>
    public FatNode? Parent { get; }

    /// <summary>True for a directory.</summary>
    public bool IsDirectory { get; }

    /// <summary>Attributes asked for (the writer adds Directory or Archive).</summary>
    public FatAttributes Attributes { get; }

    /// <summary>The file length in bytes.</summary>
    public long Length { get; private init; }

    /// <summary>Opens the file's content; null for directories and reserved files.</summary>
    public Func<Stream>? Open { get; private init; }

    /// <summary>True for a file whose clusters are allocated but written later by someone else (ldlinux.sys).</summary>
    public bool IsReserved { get; private init; }

    /// <summary>Children in the order they were added.</summary>
    public List<FatNode> Children { get; } = [];

    /// <summary>The 8.3 alias, assigned when the volume is planned.</summary>
    public ShortName ShortName { get; set; }

    /// <summary>The first allocated cluster (0 when none).</summary>
    public uint FirstCluster { get; set; }

    /// <summary>Clusters allocated.</summary>
    public long ClusterCount { get; set; }

    /// <summary>The '/'-separated path from the root.</summary>
    public string Path => Parent is null ? "/" : Parent.Parent is null ? Name : $"{Parent.Path}/{Name}";

    /// <summary>A new root directory.</summary>
    public static FatNode CreateRoot() => new("", null, isDirectory: true, FatAttributes.None);

    /// <summary>The child named <paramref name="name"/> (case-insensitive, as FAT compares names), or null.</summary>
    public FatNode? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Adds a subdirectory.</summary>
    public FatNode AddDirectory(string name, FatAttributes attributes) => Add(new FatNode(name, this, isDirectory: true, attributes));

    /// <summary>Adds a file.</summary>
    public FatNode AddFile(string name, long length, Func<Stream>? open, bool reserved, FatAttributes attributes) =>
        Add(new FatNode(name, this, isDirectory: false, attributes) { Length = length, Open = open, IsReserved = reserved });

    /// <summary>Directory entries this directory holds: ".", "..", the label, and each child's long-name and short entries.</summary>
    public int EntryCount(bool withLabel)
    {
        var count = Parent is null ? (withLabel ? 1 : 0) : 2;
        foreach (var child in Children)
        {
            count += 1 + (child.ShortName.NeedsLongName ? LongNameEntry.EntriesFor(child.Name) : 0);
        }

        return count;
    }

    /// <summary>This node and all below it, parents before children, in the order they were added.</summary>
    public IEnumerable<FatNode> DescendantsAndSelf()
    {
        var stack = new Stack<FatNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            for (var i = node.Children.Count - 1; i >= 0; i--)
            {
                stack.Push(node.Children[i]);
            }
        }
    }

    private FatNode Add(FatNode child)
    {
        if (_byName.TryGetValue(child.Name, out var existing))
        {
            var what = existing.Name == child.Name ? "is already added" : $"differs only in case from '{existing.Path}' (FAT names ignore case)";
            throw new ArgumentException($"'{child.Path}' {what}.");
        }

        _byName.Add(child.Name, child);
        Children.Add(child);
        return child;
    }
}
