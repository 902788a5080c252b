namespace CoreosDsl.Systemd;

/// <summary>
/// Base of the generated section builders (<c>ServiceSectionBuilder</c> ...): collects the section's lines in
/// the order they are set. A repeatable directive adds a line per call; any other replaces its earlier line.
/// Values are formatted when set, so a bad value fails at the call that made it, naming unit, section,
/// directive and rule.
/// </summary>
public abstract class SectionBuilder
{
    private readonly List<UnitFileEntry> entries = [];

    /// <summary>Creates the builder of section <paramref name="sectionName"/> of <paramref name="unit"/>.</summary>
    protected SectionBuilder(UnitBuilder unit, string sectionName)
    {
        Owner = unit ?? throw new ArgumentNullException(nameof(unit));
        SectionName = sectionName;
    }

    /// <summary>The unit this section belongs to.</summary>
    public UnitBuilder Owner { get; }

    /// <summary>The section name (<c>Service</c>).</summary>
    public string SectionName { get; }

    /// <summary>The lines set so far.</summary>
    public IReadOnlyList<UnitFileEntry> Entries => entries;

    /// <summary>
    /// Sets a directive that takes one value, formatted by <paramref name="format"/> (one of the
    /// <see cref="DirectiveValue"/> methods): replaces an earlier line of the same directive.
    /// </summary>
    public void Set<T>(string directive, T value, Func<T, string> format, string prefix = "") =>
        Put(directive, Format(directive, value, format, prefix), replace: true);

    /// <summary>Adds a line for a repeatable directive, formatted by <paramref name="format"/>.</summary>
    public void Add<T>(string directive, T value, Func<T, string> format, string prefix = "") =>
        Put(directive, Format(directive, value, format, prefix), replace: false);

    /// <summary>Sets a boolean directive in the unit's boolean spelling.</summary>
    public void SetBool(string directive, bool value, string prefix = "") =>
        Put(directive, prefix + DirectiveValue.Bool(value, Owner.BooleanSpelling), replace: true);

    /// <summary>Adds a line for a repeatable boolean directive (conditions) in the unit's boolean spelling.</summary>
    public void AddBool(string directive, bool value, string prefix = "") =>
        Put(directive, prefix + DirectiveValue.Bool(value, Owner.BooleanSpelling), replace: false);

    /// <summary>
    /// Writes an empty assignment (<c>Directive=</c>), which resets a list or restores the default; in a
    /// drop-in it clears what the unit set.
    /// </summary>
    public void Reset(string directive) => Put(directive, "", replace: false);

    /// <summary>
    /// Writes a directive the schema does not know (a vendor <c>X-</c> key, or one newer than the bundled
    /// schema); the value is checked only for what would break the line.
    /// </summary>
    public void Raw(string directive, string value)
    {
        if (directive.Length == 0 || directive.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new UnitDefinitionException(Owner.Name, SectionName, directive, "not a valid directive name (letters, digits, '-', '_', '.')");
        }

        Put(directive, Format(directive, value, DirectiveValue.Text, ""), replace: false);
    }

    internal UnitFileSection ToSection() => new(SectionName, entries);

    private string Format<T>(string directive, T value, Func<T, string> format, string prefix)
    {
        try
        {
            return prefix + format(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new UnitDefinitionException(Owner.Name, SectionName, directive, e.Message, e);
        }
    }

    private void Put(string directive, string value, bool replace)
    {
        if (replace)
        {
            var i = entries.FindIndex(e => string.Equals(e.Key, directive, StringComparison.Ordinal));
            if (i >= 0)
            {
                entries[i] = new(directive, value);
                return;
            }
        }

        entries.Add(new(directive, value));
    }
}
