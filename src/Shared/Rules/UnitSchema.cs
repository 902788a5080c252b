using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>
/// The section and directive names the project's generated builders know (the bundled schema files plus the user's
/// own), by section and by unit type: what raw unit text is checked against (CDSL240 unknown directive, CDSL241
/// unknown section). The analyzer fills it from the compilation's generated builder types, <c>worker.Validate()</c>
/// from the loaded ones.
/// </summary>
internal sealed class UnitSchema
{
    private readonly Dictionary<string, HashSet<string>> directives;
    private readonly Dictionary<UnitType, List<string>> sectionsOfType;

    public UnitSchema(Dictionary<string, HashSet<string>> directives, Dictionary<UnitType, List<string>> sectionsOfType)
    {
        this.directives = directives;
        this.sectionsOfType = sectionsOfType;
    }

    /// <summary>True when no builders were found: then nothing is checked.</summary>
    public bool IsEmpty => directives.Count == 0;

    /// <summary>
    /// The unknown sections and directives of unit-file text, in order. Vendor names (<c>X-...</c>) are skipped, as
    /// systemd skips them; so is text that cannot be read (the <c>unit-content</c> check reports it) and networkd
    /// files (<c>.network</c>, <c>.netdev</c>, <c>.link</c>), which are not units.
    /// </summary>
    /// <param name="content">The unit or drop-in text.</param>
    /// <param name="unitName">The unit's name when known (a drop-in's unit): it decides the unit type's sections.</param>
    /// <param name="origin">Where a finding points, from the section and the key (null for a section finding).</param>
    public IEnumerable<RuleFinding> CheckNames(string content, string? unitName, Func<string, string?, object?> origin)
    {
        if (IsEmpty || (unitName is not null && IsNetworkdFile(unitName)))
        {
            yield break;
        }

        if (!UnitFileReader.TryReadSections(content, out var sections, out _))
        {
            yield break;
        }

        UnitType? type = unitName is not null && UnitName.TryParse(unitName, out var parsed, out _) ? parsed.Type : null;
        var allowed = type is { } t && sectionsOfType.TryGetValue(t, out var ofType) ? ofType : null;
        var kind = type is { } known ? "." + UnitName.Suffix(known) + " units" : "any unit";
        foreach (var section in sections)
        {
            if (IsVendor(section.Name))
            {
                continue;
            }

            if (!directives.TryGetValue(section.Name, out var keys) || (allowed is not null && !allowed.Contains(section.Name)))
            {
                var candidates = allowed ?? (IEnumerable<string>)directives.Keys;
                var hint = Suggest(section.Name, candidates) is { } s ? $"; did you mean [{s}]?" : "";
                yield return new RuleFinding(RuleCatalog.UnknownSection, origin(section.Name, null),
                    $"[{section.Name}] is not a section of {kind}{hint}; systemd ignores the whole section");
                continue;
            }

            foreach (var entry in section.Entries)
            {
                if (IsVendor(entry.Key) || keys.Contains(entry.Key))
                {
                    continue;
                }

                var hint = Suggest(entry.Key, keys) is { } s ? $"; did you mean {s}=?" : "";
                yield return new RuleFinding(RuleCatalog.UnknownDirective, origin(section.Name, entry.Key),
                    $"[{section.Name}] {entry.Key}= is not a directive of [{section.Name}]{hint}; systemd ignores it");
            }
        }
    }

    /// <summary>The networkd files coreos-cloudinit writes beside units (they have their own sections).</summary>
    public static bool IsNetworkdFile(string name) =>
        name.EndsWith(".network", StringComparison.Ordinal) || name.EndsWith(".netdev", StringComparison.Ordinal)
        || name.EndsWith(".link", StringComparison.Ordinal);

    private static bool IsVendor(string name) => name.StartsWith("X-", StringComparison.Ordinal);

    /// <summary>
    /// The closest known name: the same up to case, or within an edit distance of one per four letters (at most
    /// two; a swap of neighbours counts once); null when nothing is that close.
    /// </summary>
    internal static string? Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        var limit = Math.Min(2, Math.Max(1, name.Length / 4));
        foreach (var candidate in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return int.MaxValue;
        }

        return EditDistance.Between(a, b);
    }
}
