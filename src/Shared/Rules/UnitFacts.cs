using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>
/// One <c>KEY=VALUE</c> line of a unit as far as it is known: the analyzer knows every line a builder call writes but
/// not every value (a <see cref="TimeSpan"/> or a string computed at run time is <see langword="null"/> here); the
/// runtime twin knows them all. An empty value is an empty assignment, which resets a list.
/// </summary>
internal sealed class DirectiveFact
{
    public DirectiveFact(string section, string key, string? value, object? origin)
    {
        Section = section;
        Key = key;
        Value = value;
        Origin = origin;
    }

    /// <summary>The section name without brackets (<c>Service</c>).</summary>
    public string Section { get; }

    /// <summary>The directive name (<c>ExecStart</c>).</summary>
    public string Key { get; }

    /// <summary>The value as written, or null when it is not known.</summary>
    public string? Value { get; }

    /// <summary>Where the line comes from (a source location for the analyzer, <c>unit [Section] Key=</c> at run time).</summary>
    public object? Origin { get; }

    /// <summary>True for a line of a drop-in (<c>NAME.d/*.conf</c>), which comes after the unit's own lines.</summary>
    public bool InDropIn { get; init; }
}

/// <summary>
/// One entry of a worker's <c>coreos.units</c>: a unit with content (from the typed builders or raw text), or an
/// existing unit referenced by name. The model the rules read, filled by the analyzer from source and by the runtime
/// twin from the built worker.
/// </summary>
internal sealed class UnitFacts
{
    public UnitFacts(string? name, UnitType? type, object? nameOrigin)
    {
        Name = name;
        Type = type ?? (name is not null && UnitName.TryParse(name, out var parsed, out _) ? parsed.Type : null);
        NameOrigin = nameOrigin;
    }

    /// <summary>The unit name, or null when it is computed at run time.</summary>
    public string? Name { get; }

    /// <summary>The unit type (from the builder, or from the name's suffix), or null when unknown.</summary>
    public UnitType? Type { get; }

    /// <summary>Where the name is written.</summary>
    public object? NameOrigin { get; }

    /// <summary>The command coreos-cloudinit runs after writing the unit (<c>start</c>), or null for none or unknown.</summary>
    public string? Command { get; set; }

    /// <summary>False for an existing unit referenced by name only (no content).</summary>
    public bool HasContent { get; set; } = true;

    /// <summary>
    /// The content as written, when it is known as text (raw content, or what Validate() reads); null otherwise. Two
    /// entries of one name conflict only when both texts are known and differ.
    /// </summary>
    public string? ContentText { get; set; }

    /// <summary>False when the content exists but could not be read (raw text computed at run time).</summary>
    public bool ContentKnown { get; set; } = true;

    /// <summary>The lines of the unit in order, drop-ins after the unit's own lines.</summary>
    public List<DirectiveFact> Lines { get; } = [];

    /// <summary>The name for messages.</summary>
    public string DisplayName => Name ?? "(a unit whose name is computed at run time)";

    /// <summary>
    /// The lines of a list directive that count: those after the last empty assignment (which resets the list).
    /// </summary>
    public IReadOnlyList<DirectiveFact> Effective(string section, string key)
    {
        var result = new List<DirectiveFact>();
        foreach (var line in Lines)
        {
            if (line.Section != section || line.Key != key)
            {
                continue;
            }

            if (line.Value is { Length: 0 })
            {
                result.Clear();
            }
            else
            {
                result.Add(line);
            }
        }

        return result;
    }

    /// <summary>The line that sets a single-valued directive: the last one, or null when the directive is not set.</summary>
    public DirectiveFact? Last(string section, string key)
    {
        var effective = Effective(section, key);
        return effective.Count == 0 ? null : effective[effective.Count - 1];
    }
}
