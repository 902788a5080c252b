namespace CoreosDsl.Systemd;

/// <summary>
/// Base of the generated unit builders (<c>ServiceUnitBuilder</c> ...): a unit name checked against its type
/// and the unit's sections, written in the order the unit type defines whatever order they were configured in.
/// </summary>
public abstract class UnitBuilder
{
    private readonly string[] sectionOrder;
    private readonly Dictionary<string, SectionBuilder> sections = new(StringComparer.Ordinal);

    /// <summary>Creates a builder for unit <paramref name="name"/> of type <paramref name="type"/>.</summary>
    /// <exception cref="UnitDefinitionException">The name is not a valid unit name of that type.</exception>
    protected UnitBuilder(string name, UnitType type, params string[] sectionOrder)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!UnitName.TryParse(name, out var parsed, out var error))
        {
            throw new UnitDefinitionException(name, "-", "name", error ?? "not a valid unit name");
        }

        if (parsed.Type != type)
        {
            throw new UnitDefinitionException(name, "-", "name",
                $"a {type.ToString().ToLowerInvariant()} unit's name must end in .{UnitName.Suffix(type)}");
        }

        ParsedName = parsed;
        Type = type;
        this.sectionOrder = sectionOrder;
    }

    /// <summary>The unit name.</summary>
    public string Name => ParsedName.Value;

    /// <summary>The unit name, parsed.</summary>
    public UnitName ParsedName { get; }

    /// <summary>The unit type.</summary>
    public UnitType Type { get; }

    /// <summary>How booleans are spelled in this unit (default <c>yes</c>/<c>no</c>).</summary>
    public BooleanSpelling BooleanSpelling { get; set; }

    /// <summary>The unit file, with every configured section in the unit type's order.</summary>
    public UnitFile Build() => new(
        ParsedName,
        sectionOrder.Where(sections.ContainsKey).Select(name => sections[name].ToSection()));

    /// <summary>The builder of section <paramref name="name"/>, created on first use.</summary>
    protected TSection Section<TSection>(string name, Func<TSection> create)
        where TSection : SectionBuilder
    {
        if (!sections.TryGetValue(name, out var section))
        {
            section = create();
            sections.Add(name, section);
        }

        return (TSection)section;
    }
}
