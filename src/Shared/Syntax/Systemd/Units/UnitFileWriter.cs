using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// Writes unit files: <c>[Section]</c> headers in order, one <c>KEY=VALUE</c> line per entry, LF line ends and
/// a final newline. Values were checked when they were set (see <see cref="DirectiveValue"/>); the writer
/// checks again that nothing could break the line structure, so a <see cref="UnitFile"/> built by hand
/// cannot produce a file systemd reads differently.
/// </summary>
public static class UnitFileWriter
{
    /// <summary>The unit file text.</summary>
    /// <exception cref="UnitDefinitionException">A value would not survive systemd's line parser.</exception>
    public static string Write(UnitFile unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var text = new StringBuilder();
        foreach (var section in unit.Sections)
        {
            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var entry in section.Entries)
            {
                var problem = DirectiveValue.LineProblem(entry.Value);
                if (problem is not null)
                {
                    throw new UnitDefinitionException(unit.Name.Value, section.Name, entry.Key, problem);
                }

                text.Append(entry.Key).Append('=').Append(entry.Value).Append('\n');
            }
        }

        return text.ToString();
    }
}
