namespace CoreosDsl.Systemd;

/// <summary>One <c>KEY=VALUE</c> line of a unit file, with the value exactly as it is written.</summary>
/// <param name="Key">The directive name (<c>ExecStart</c>).</param>
/// <param name="Value">The value as written after <c>=</c>.</param>
public readonly record struct UnitFileEntry(string Key, string Value);

/// <summary>A <c>[Section]</c> of a unit file and its lines in order (repeated keys stay repeated).</summary>
public sealed class UnitFileSection
{
    /// <summary>Creates a section.</summary>
    public UnitFileSection(string name, IEnumerable<UnitFileEntry> entries)
    {
        Name = name;
        Entries = entries.ToArray();
    }

    /// <summary>The section name without brackets (<c>Service</c>).</summary>
    public string Name { get; }

    /// <summary>The lines of the section in order.</summary>
    public IReadOnlyList<UnitFileEntry> Entries { get; }

    /// <summary>The values of every line with this key, in order.</summary>
    public IEnumerable<string> ValuesOf(string key) =>
        Entries.Where(e => string.Equals(e.Key, key, StringComparison.Ordinal)).Select(e => e.Value);
}

/// <summary>
/// A systemd unit file: its name and its sections in order. Built by the generated unit builders, written by
/// <see cref="UnitFileWriter"/>; it also serves as a typed handle to the unit (<c>.Requires(updateEngine)</c>).
/// </summary>
public sealed class UnitFile
{
    /// <summary>Creates a unit file.</summary>
    public UnitFile(UnitName name, IEnumerable<UnitFileSection> sections)
    {
        Name = name;
        Sections = sections.ToArray();
    }

    /// <summary>The unit name (<c>locksmithd.service</c>).</summary>
    public UnitName Name { get; }

    /// <summary>The sections in the order they are written.</summary>
    public IReadOnlyList<UnitFileSection> Sections { get; }

    /// <summary>The section called <paramref name="name"/>, or null.</summary>
    public UnitFileSection? Section(string name) =>
        Sections.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The unit file text, exactly as it is written to disk.</summary>
    public string ToText() => UnitFileWriter.Write(this);

    /// <summary>The unit name.</summary>
    public override string ToString() => Name.Value;
}
