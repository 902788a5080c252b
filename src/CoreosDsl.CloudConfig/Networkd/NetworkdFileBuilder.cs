using CoreosDsl.Systemd;

namespace CoreosDsl.Networkd;

/// <summary>
/// Base of the generated networkd file builders (<c>NetworkFileBuilder</c> ...): a checked file name and the
/// sections, written in the order the file kind documents them whatever order they were configured in. A section
/// such as <c>[Match]</c> is one section however often it is configured; <c>[Address]</c> and <c>[Route]</c> add a
/// section per call, kept in call order.
/// </summary>
public abstract class NetworkdFileBuilder
{
    private readonly string[] sectionOrder;
    private readonly List<NetworkdSectionBuilder> sections = [];

    /// <summary>Creates the builder of file <paramref name="name"/>.</summary>
    /// <exception cref="UnitDefinitionException">The name is not a file name of that kind.</exception>
    protected NetworkdFileBuilder(string name, NetworkdFileKind kind, string[] sectionOrder)
    {
        _ = new NetworkdFile(name, kind, []); // checks the name
        Name = name;
        Kind = kind;
        this.sectionOrder = sectionOrder;
    }

    /// <summary>The file name.</summary>
    public string Name { get; }

    /// <summary>The kind of file.</summary>
    public NetworkdFileKind Kind { get; }

    /// <summary>The file, sections in the documented order; sections the builders do not type come last.</summary>
    public NetworkdFile Build()
    {
        int Rank(NetworkdSectionBuilder s)
        {
            var i = Array.IndexOf(sectionOrder, s.SectionName);
            return s is NetworkdRawSection || i < 0 ? sectionOrder.Length : i;
        }

        return new NetworkdFile(Name, Kind, sections.Select((s, i) => (s, i)).OrderBy(x => Rank(x.s)).ThenBy(x => x.i).Select(x => x.s.ToSection()));
    }

    /// <summary>The one section called <paramref name="name"/>, created on first use.</summary>
    protected TSection Section<TSection>(string name, Func<TSection> create)
        where TSection : NetworkdSectionBuilder
    {
        ArgumentNullException.ThrowIfNull(create);
        if (sections.FirstOrDefault(s => s is TSection && s.SectionName == name) is TSection existing)
        {
            return existing;
        }

        var section = create();
        sections.Add(section);
        return section;
    }

    /// <summary>A new section, added after the earlier ones (<c>[Address]</c>, <c>[Route]</c>, raw sections).</summary>
    protected TSection AddSection<TSection>(Func<TSection> create)
        where TSection : NetworkdSectionBuilder
    {
        ArgumentNullException.ThrowIfNull(create);
        var section = create();
        sections.Add(section);
        return section;
    }
}
