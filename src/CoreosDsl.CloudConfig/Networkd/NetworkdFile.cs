using System.Text;
using CoreosDsl.Systemd;

namespace CoreosDsl.Networkd;

/// <summary>The three kinds of networkd file, named by their suffix.</summary>
public enum NetworkdFileKind
{
    /// <summary><c>.network</c>: how systemd-networkd configures matching links.</summary>
    Network,
    /// <summary><c>.netdev</c>: a virtual network device systemd-networkd creates.</summary>
    NetDev,
    /// <summary><c>.link</c>: how udev names and sets up matching devices.</summary>
    Link,
}

/// <summary>
/// A systemd-networkd (or udev <c>.link</c>) file: its name and sections in order. coreos-cloudinit writes the
/// <c>coreos.units</c> entry to <c>/etc/systemd/network/NAME</c> and restarts systemd-networkd; Ignition gets the same
/// file under <see cref="Directory"/>.
/// </summary>
public sealed class NetworkdFile
{
    /// <summary>Where networkd files are written: <c>/etc/systemd/network</c>.</summary>
    public const string Directory = "/etc/systemd/network";

    /// <summary>Creates a file.</summary>
    /// <exception cref="UnitDefinitionException">The name is not a networkd file name of <paramref name="kind"/>.</exception>
    public NetworkdFile(string name, NetworkdFileKind kind, IEnumerable<UnitFileSection> sections)
    {
        CheckName(name, kind);
        Name = name;
        Kind = kind;
        Sections = sections.ToArray();
    }

    /// <summary>The file name (<c>10-eth0.network</c>).</summary>
    public string Name { get; }

    /// <summary>The kind of file, given by its suffix.</summary>
    public NetworkdFileKind Kind { get; }

    /// <summary>The sections in the order they are written; a section such as <c>[Address]</c> may appear several times.</summary>
    public IReadOnlyList<UnitFileSection> Sections { get; }

    /// <summary>The suffix of a kind of file (<c>.network</c>).</summary>
    public static string Suffix(NetworkdFileKind kind) => kind switch
    {
        NetworkdFileKind.Network => ".network",
        NetworkdFileKind.NetDev => ".netdev",
        NetworkdFileKind.Link => ".link",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind of networkd file <paramref name="name"/> names by its suffix, or null.</summary>
    public static NetworkdFileKind? KindOf(string name) =>
        name.EndsWith(".network", StringComparison.Ordinal) ? NetworkdFileKind.Network
        : name.EndsWith(".netdev", StringComparison.Ordinal) ? NetworkdFileKind.NetDev
        : name.EndsWith(".link", StringComparison.Ordinal) ? NetworkdFileKind.Link
        : null;

    /// <summary>
    /// The file text as written to disk: <c>[Section]</c> headers with a blank line between sections, one
    /// <c>KEY=VALUE</c> line per entry, LF line ends and a final newline.
    /// </summary>
    /// <exception cref="UnitDefinitionException">A value would not survive systemd's line parser.</exception>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var section in Sections)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var entry in section.Entries)
            {
                if (DirectiveValue.LineProblem(entry.Value) is { } problem)
                {
                    throw new UnitDefinitionException(Name, section.Name, entry.Key, problem);
                }

                text.Append(entry.Key).Append('=').Append(entry.Value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>The file name.</summary>
    public override string ToString() => Name;

    private static void CheckName(string name, NetworkdFileKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        var suffix = Suffix(kind);
        string? problem =
            !name.EndsWith(suffix, StringComparison.Ordinal) || name.Length == suffix.Length ? $"a {suffix} file's name is a non-empty stem and the suffix {suffix} (10-eth0{suffix})"
            : name.Any(c => c == '/' || char.IsWhiteSpace(c) || char.IsControl(c)) ? "a file name has no '/', white space or control characters"
            : name[0] == '.' ? "a file name starting with '.' is hidden and systemd skips it"
            : Encoding.UTF8.GetByteCount(name) > 255 ? "a file name is at most 255 bytes"
            : null;
        if (problem is not null)
        {
            throw new UnitDefinitionException(name, "-", "name", problem);
        }
    }
}
