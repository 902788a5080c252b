using CoreosDsl.Systemd;

namespace CoreosDsl.Networkd;

/// <summary>
/// Base of the generated networkd section builders: collects the section's lines in the order they are set. A
/// repeatable directive adds a line per call; any other replaces its earlier line. Values are checked when set, so
/// a bad value fails at the call that made it, naming file, section, directive and rule.
/// </summary>
public abstract class NetworkdSectionBuilder
{
    private readonly List<UnitFileEntry> entries = [];

    /// <summary>Creates the builder of section <paramref name="sectionName"/> of <paramref name="file"/>.</summary>
    protected NetworkdSectionBuilder(NetworkdFileBuilder file, string sectionName)
    {
        File = file ?? throw new ArgumentNullException(nameof(file));
        if (string.IsNullOrEmpty(sectionName) || sectionName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new UnitDefinitionException(file.Name, sectionName ?? "", "-", "not a section name (ASCII letters, digits, '-', '_')");
        }

        SectionName = sectionName;
    }

    /// <summary>The file this section belongs to.</summary>
    public NetworkdFileBuilder File { get; }

    /// <summary>The section name (<c>Network</c>).</summary>
    public string SectionName { get; }

    /// <summary>The lines set so far.</summary>
    public IReadOnlyList<UnitFileEntry> Entries => entries;

    /// <summary>Sets a directive that takes one value, formatted by <paramref name="format"/>: replaces an earlier line of it.</summary>
    protected void Set<T>(string directive, T value, Func<T, string> format) => Put(directive, Format(directive, value, format), replace: true);

    /// <summary>Adds a line for a repeatable directive, formatted by <paramref name="format"/>.</summary>
    protected void Add<T>(string directive, T value, Func<T, string> format) => Put(directive, Format(directive, value, format), replace: false);

    /// <summary>
    /// Writes an empty assignment (<c>Directive=</c>): for a list setting such as <c>DNS=</c> it drops what earlier
    /// lines (or files) set.
    /// </summary>
    /// <param name="directive">The directive name.</param>
    public void Reset(string directive) => Put(CheckName(directive), "", replace: false);

    /// <summary>
    /// Writes a directive the schema does not type (one of a section's rarer settings, or one newer than systemd
    /// 252); the value is checked only for what would break the line.
    /// </summary>
    /// <param name="directive">The directive name.</param>
    /// <param name="value">The value as written.</param>
    public void Raw(string directive, string value) => Put(CheckName(directive), Format(directive, value, NetworkdValue.Text), replace: false);

    internal UnitFileSection ToSection() => new(SectionName, entries);

    private string CheckName(string directive) =>
        !string.IsNullOrEmpty(directive) && directive.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? directive
            : throw new UnitDefinitionException(File.Name, SectionName, directive ?? "", "not a valid directive name (letters, digits, '-', '_', '.')");

    private string Format<T>(string directive, T value, Func<T, string> format)
    {
        try
        {
            return format(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw new UnitDefinitionException(File.Name, SectionName, directive, e.Message, e);
        }
    }

    private void Put(string directive, string value, bool replace)
    {
        var i = replace ? entries.FindIndex(e => e.Key == directive) : -1;
        if (i >= 0)
        {
            entries[i] = new(directive, value);
        }
        else
        {
            entries.Add(new(directive, value));
        }
    }
}

/// <summary>A section the typed builders do not have: only <see cref="NetworkdSectionBuilder.Raw"/> lines.</summary>
public sealed class NetworkdRawSection : NetworkdSectionBuilder
{
    internal NetworkdRawSection(NetworkdFileBuilder file, string sectionName)
        : base(file, sectionName)
    {
    }
}
