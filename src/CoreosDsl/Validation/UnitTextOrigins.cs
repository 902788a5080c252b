using System.Text.RegularExpressions;

namespace CoreosDsl;

/// <summary>
/// Where a unit finding points inside <c>coreos.units</c>: entry <see cref="Entry"/>, its content
/// (<see cref="DropIn"/> null) or drop-in <see cref="DropIn"/>, and the 0-based <see cref="Line"/> of that text; a
/// null <see cref="Line"/> means the entry's name.
/// </summary>
internal readonly record struct UnitTextPosition(int Entry, int? DropIn, int? Line);

/// <summary>
/// The positions of the findings' origins, for <c>validate FILE</c>: the runtime twin's origins are texts
/// (<c>app.service [Service] Restart=</c>), so each is told apart by reference, as the rules hand it on.
/// </summary>
internal sealed partial class UnitTextOrigins
{
    private readonly Dictionary<object, UnitTextPosition> positions = new(ReferenceEqualityComparer.Instance);

    /// <summary>Records where <paramref name="origin"/> points (the first record wins).</summary>
    public void Add(object origin, UnitTextPosition position) => positions.TryAdd(origin, position);

    /// <summary>
    /// Where a finding points: its origin's recorded position, or for a value check of unit text
    /// (<c>cloud-config coreos.units[0].content</c>, message <c>[Section] Key=: ...</c>) the line of that directive.
    /// </summary>
    public UnitTextPosition? Find(object? origin, string message, Func<int, int?, string?> textOf)
    {
        if (origin is null)
        {
            return null;
        }

        if (positions.TryGetValue(origin, out var position))
        {
            return position;
        }

        if (origin is not string where || ValueOrigin().Match(where) is not { Success: true } m)
        {
            return null;
        }

        var entry = int.Parse(m.Groups["entry"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int? dropIn = m.Groups["dropin"].Success ? int.Parse(m.Groups["dropin"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var line = 0;
        if (textOf(entry, dropIn) is { } text && SectionAndKey(message) is var (section, key) && key is not null)
        {
            line = UnitTextLines.Find(text, section, key);
        }

        return new UnitTextPosition(entry, dropIn, line);
    }

    /// <summary>The section and directive a text names (<c>... [Service] Restart=...</c>), or null.</summary>
    public static (string Section, string? Key)? SectionAndKey(string text) =>
        SectionKey().Match(text) is { Success: true } m ? (m.Groups["section"].Value, m.Groups["key"].Success ? m.Groups["key"].Value : null) : null;

    [GeneratedRegex(@"^cloud-config coreos\.units\[(?<entry>\d+)\](?:\.drop_ins\[(?<dropin>\d+)\])?\.content$", RegexOptions.CultureInvariant)]
    private static partial Regex ValueOrigin();

    // Names as systemd reads them: a section may hold spaces ("[ Install ]"), a key anything but '=' (a continued
    // flag line read as "-v /a:/b --config"); a message goes on with "; " where an origin ends.
    [GeneratedRegex(@"\[(?<section>[^\]]+)\](?: (?<key>[^=;\]]+)=)?", RegexOptions.CultureInvariant)]
    private static partial Regex SectionKey();
}
