using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The Rock Ridge "SL" entry (RRIP 4.1.3): a symbolic link's target as a list of components (root, ".", "..", or
/// a name). Long targets use several SL entries (entry flag CONTINUE); a long component is split into several
/// component records (component flag CONTINUE).
/// </summary>
internal sealed record SymbolicLinkEntry(bool Continues, IReadOnlyList<SymbolicLinkComponent> Components)
{
    /// <summary>The signature.</summary>
    public const string Signature = "SL";

    /// <summary>Data bytes available for component records in one entry.</summary>
    private const int MaxComponentBytes = SuspEntry.MaxLength - SuspEntry.HeaderLength - 1;

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry()
    {
        var data = new List<byte> { (byte)(Continues ? 1 : 0) };
        foreach (var component in Components)
        {
            data.Add((byte)component.Flags);
            data.Add((byte)component.Content.Length);
            data.AddRange(component.Content);
        }

        return new SuspEntry(Signature, 1, [.. data]);
    }

    /// <summary>The SL entries that record <paramref name="target"/>.</summary>
    public static List<SymbolicLinkEntry> For(string target)
    {
        // Components first, with names longer than a component record can hold split into CONTINUE pieces.
        var components = new List<SymbolicLinkComponent>();
        var parts = target.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i == 0 && part.Length == 0 && parts.Length > 1)
            {
                components.Add(new SymbolicLinkComponent(SymbolicLinkComponentFlags.Root, []));
            }
            else if (part == ".")
            {
                components.Add(new SymbolicLinkComponent(SymbolicLinkComponentFlags.Current, []));
            }
            else if (part == "..")
            {
                components.Add(new SymbolicLinkComponent(SymbolicLinkComponentFlags.Parent, []));
            }
            else if (part.Length > 0 || parts.Length == 1)
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                const int piece = MaxComponentBytes - 2;
                for (var start = 0; start == 0 || start < bytes.Length; start += piece)
                {
                    var length = Math.Min(piece, bytes.Length - start);
                    var more = start + length < bytes.Length;
                    components.Add(new SymbolicLinkComponent(more ? SymbolicLinkComponentFlags.Continue : SymbolicLinkComponentFlags.None, bytes[start..(start + length)]));
                }
            }
        }

        // Then pack components into entries of at most 255 bytes.
        var entries = new List<SymbolicLinkEntry>();
        var current = new List<SymbolicLinkComponent>();
        var used = 0;
        foreach (var component in components)
        {
            var size = 2 + component.Content.Length;
            if (used + size > MaxComponentBytes)
            {
                entries.Add(new SymbolicLinkEntry(true, current));
                current = [];
                used = 0;
            }

            current.Add(component);
            used += size;
        }

        entries.Add(new SymbolicLinkEntry(false, current));
        return entries;
    }

    /// <summary>Joins the components of consecutive SL entries back into a target path.</summary>
    public static string ToTarget(IEnumerable<SymbolicLinkEntry> entries)
    {
        var target = new StringBuilder();
        var bytes = new List<byte>();
        var needSeparator = false;
        var pendingName = false;
        foreach (var component in entries.SelectMany(e => e.Components))
        {
            if (pendingName)
            {
                bytes.AddRange(component.Content);
                pendingName = (component.Flags & SymbolicLinkComponentFlags.Continue) != 0;
                if (!pendingName)
                {
                    target.Append(Encoding.UTF8.GetString([.. bytes]));
                    bytes.Clear();
                }

                continue;
            }

            if ((component.Flags & SymbolicLinkComponentFlags.Root) != 0)
            {
                target.Clear().Append('/');
                needSeparator = false;
                continue;
            }

            if (needSeparator)
            {
                target.Append('/');
            }

            needSeparator = true;
            if ((component.Flags & SymbolicLinkComponentFlags.Current) != 0)
            {
                target.Append('.');
            }
            else if ((component.Flags & SymbolicLinkComponentFlags.Parent) != 0)
            {
                target.Append("..");
            }
            else
            {
                bytes.AddRange(component.Content);
                pendingName = (component.Flags & SymbolicLinkComponentFlags.Continue) != 0;
                if (!pendingName)
                {
                    target.Append(Encoding.UTF8.GetString([.. bytes]));
                    bytes.Clear();
                }
            }
        }

        if (bytes.Count > 0)
        {
            target.Append(Encoding.UTF8.GetString([.. bytes]));
        }

        return target.ToString();
    }

    /// <summary>Parses an SL entry found at <paramref name="fileOffset"/>.</summary>
    public static SymbolicLinkEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(1, fileOffset);
        var components = new List<SymbolicLinkComponent>();
        var position = 1;
        while (position < entry.Data.Length)
        {
            if (position + 2 > entry.Data.Length || position + 2 + entry.Data[position + 1] > entry.Data.Length)
            {
                throw new InvalidDataException(
                    $"The SL component record at offset {fileOffset + SuspEntry.HeaderLength + position} runs past the end of its {entry.Length}-byte SL entry.");
            }

            int length = entry.Data[position + 1];
            components.Add(new SymbolicLinkComponent((SymbolicLinkComponentFlags)entry.Data[position], entry.Data[(position + 2)..(position + 2 + length)]));
            position += 2 + length;
        }

        return new SymbolicLinkEntry((entry.Data[0] & 1) != 0, components);
    }
}

/// <summary>One component record of an SL entry.</summary>
internal sealed record SymbolicLinkComponent(SymbolicLinkComponentFlags Flags, byte[] Content);

/// <summary>Flags of an SL component record.</summary>
[Flags]
internal enum SymbolicLinkComponentFlags : byte
{
    /// <summary>A name component (complete, or its last piece).</summary>
    None = 0,

    /// <summary>The component continues in the next component record.</summary>
    Continue = 1,

    /// <summary>".".</summary>
    Current = 2,

    /// <summary>"..".</summary>
    Parent = 4,

    /// <summary>"/" at the start of an absolute target.</summary>
    Root = 8,
}
