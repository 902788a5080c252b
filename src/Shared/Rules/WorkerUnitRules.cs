namespace CoreosDsl.Rules;

/// <summary>
/// Rules across the units of one worker: every unit a dependency names exists (defined in the worker, or shipped by
/// the target OS), a timer or path unit has the unit it activates, no name is given two contents, an existing unit (a
/// name without content) is one the OS ships, and no ordering cycle (<see cref="OrderingCycles"/>).
/// </summary>
internal static class WorkerUnitRules
{
    /// <summary>The dependency directives whose values are unit names, by section, in the order they are checked.</summary>
    public static readonly (string Section, string Key)[] References =
    [
        ("Unit", "Requires"), ("Unit", "Requisite"), ("Unit", "Wants"), ("Unit", "BindsTo"), ("Unit", "PartOf"),
        ("Unit", "After"), ("Unit", "Before"), ("Unit", "Conflicts"), ("Unit", "OnFailure"),
        ("Install", "WantedBy"), ("Install", "RequiredBy"),
    ];

    /// <summary>Dependencies without which starting the unit fails.</summary>
    private static readonly HashSet<string> HardDependencies = new(StringComparer.Ordinal) { "Requires", "Requisite", "BindsTo" };

    /// <summary>The coreos-cloudinit commands that start a unit.</summary>
    private static readonly HashSet<string> StartingCommands = new(StringComparer.Ordinal) { "start", "restart", "reload-or-restart" };

    /// <summary>The findings for the units of one worker, in unit order.</summary>
    /// <param name="entries">The worker's coreos.units entries, in order.</param>
    /// <param name="stock">The units the target OS ships.</param>
    /// <param name="complete">False when some units may be missing from <paramref name="entries"/> (the analyzer could
    /// not follow every call): then nothing is reported as defined nowhere.</param>
    public static IEnumerable<RuleFinding> Check(IReadOnlyList<UnitFacts> entries, StockUnits stock, bool complete = true)
    {
        // coreos-cloudinit applies every entry in order: one entry may start a unit that another writes or adds
        // drop-ins to. Only two different contents conflict (the later file replaces the earlier one).
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Name is null || entry.ContentText is null)
            {
                continue;
            }

            if (contents.TryGetValue(entry.Name, out var earlier) && earlier != entry.ContentText)
            {
                yield return new RuleFinding(RuleCatalog.DuplicateUnit, entry.NameOrigin, entry.Name);
            }

            contents[entry.Name] = entry.ContentText;
        }

        var units = Merged(entries);

        // A unit whose name is not known at compile time (a name computed at run time) may be the one a reference
        // names: then, as for units the analyzer could not see, nothing is reported as defined nowhere.
        complete = complete && units.All(u => u.Name is not null || !u.HasContent);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in units)
        {
            if (unit.Name is not null && unit.HasContent)
            {
                defined.Add(unit.Name);
            }
        }

        bool Exists(string name) => IsDefined(name, defined) || stock.Contains(name) || IsGenerated(name);

        foreach (var unit in units)
        {
            if (!unit.HasContent)
            {
                // An invalid name is CDSL204 at the literal already.
                // An instance of a template the worker defines (nginx@8080.service of nginx@.service) is defined.
                if (unit.Name is not null && IsUnitName(unit.Name) && !stock.Contains(unit.Name) && !IsDefined(unit.Name, defined))
                {
                    yield return new RuleFinding(RuleCatalog.ExistingUnitNotStock, unit.NameOrigin, unit.Name, stock.OsName);
                }

                continue;
            }

            if (!unit.ContentKnown || !complete)
            {
                continue;
            }

            var started = unit.Command is not null && StartingCommands.Contains(unit.Command);
            foreach (var (section, key) in References)
            {
                foreach (var line in unit.Effective(section, key))
                {
                    foreach (var name in Names(line.Value))
                    {
                        if (Exists(name))
                        {
                            continue;
                        }

                        yield return started && HardDependencies.Contains(key)
                            ? new RuleFinding(RuleCatalog.StartedUnitDependencyMissing, line.Origin, unit.DisplayName, unit.Command!, key, name, stock.OsName)
                            : new RuleFinding(RuleCatalog.UnknownUnit, line.Origin, name, key, unit.DisplayName, stock.OsName);
                    }
                }
            }

            if (ActivatedUnit(unit) is ({ } target, var origin, var fix) && !Exists(target))
            {
                yield return new RuleFinding(RuleCatalog.ActivatedUnitMissing, origin, unit.DisplayName, target, stock.OsName, fix);
            }
        }

        foreach (var cycle in OrderingCycles.Check(units))
        {
            yield return cycle;
        }
    }

    /// <summary>
    /// The units as coreos-cloudinit leaves them after applying every entry in order: entries of one name become one
    /// unit with the last content's lines, every entry's drop-in lines, and a starting command if any entry starts it.
    /// </summary>
    public static IReadOnlyList<UnitFacts> Merged(IReadOnlyList<UnitFacts> entries)
    {
        var result = new List<UnitFacts>();
        var byName = new Dictionary<string, List<UnitFacts>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Name is null)
            {
                result.Add(entry);
                continue;
            }

            if (!byName.TryGetValue(entry.Name, out var group))
            {
                byName.Add(entry.Name, group = []);
                result.Add(entry); // the place of the unit: replaced below when it has several entries
            }

            group.Add(entry);
        }

        for (var i = 0; i < result.Count; i++)
        {
            if (result[i].Name is not { } name || byName[name] is not { Count: > 1 } group)
            {
                continue;
            }

            var content = group.LastOrDefault(e => e.HasContent);
            var merged = new UnitFacts(name, (content ?? group[0]).Type, (content ?? group[0]).NameOrigin)
            {
                Command = group.Select(e => e.Command).FirstOrDefault(c => c is not null && StartingCommands.Contains(c))
                    ?? group.Select(e => e.Command).LastOrDefault(c => c is not null),
                HasContent = content is not null,
                ContentKnown = group.All(e => e.ContentKnown),
                ContentText = content?.ContentText,
            };
            if (content is not null)
            {
                merged.Lines.AddRange(content.Lines.Where(l => !l.InDropIn));
            }

            merged.Lines.AddRange(group.SelectMany(e => e.Lines.Where(l => l.InDropIn)));
            result[i] = merged;
        }

        return result;
    }

    /// <summary>
    /// The unit a timer, path, socket or automount unit activates, where the finding points, and how to fix a missing
    /// one: a timer's or path's <c>Unit=</c>, or the service of the same name (<c>backup.timer</c> →
    /// <c>backup.service</c>); a socket's <c>Service=</c>, or the service of the same name (a template with
    /// <c>Accept=yes</c>); an automount's mount of the same name. Null when not such a unit, or not known.
    /// </summary>
    internal static (string? Name, object? Origin, string Fix) ActivatedUnit(UnitFacts unit)
    {
        var (section, key, fix) = unit.Type switch
        {
            Systemd.UnitType.Timer => ("Timer", "Unit", "set Unit= to the unit to activate"),
            Systemd.UnitType.Path => ("Path", "Unit", "set Unit= to the unit to activate"),
            Systemd.UnitType.Socket => ("Socket", "Service", "set Service= to the service to activate"),
            Systemd.UnitType.Automount => ("Automount", null, "name the automount after its mount unit (the same name ending in .automount)"),
            _ => (null, null, ""),
        };
        if (section is null)
        {
            return (null, null, fix);
        }

        if (key is not null && unit.Last(section, key) is { } line)
        {
            return line.Value is null || line.Value.IndexOf('%') >= 0 ? (null, null, fix) : (line.Value, line.Origin, fix);
        }

        if (unit.Name is null)
        {
            return (null, null, fix);
        }

        var dot = unit.Name.LastIndexOf('.');
        var prefix = unit.Name.Substring(0, dot);
        if (unit.Type == Systemd.UnitType.Automount)
        {
            return (prefix + ".mount", unit.NameOrigin, fix);
        }

        if (unit.Type == Systemd.UnitType.Socket && unit.Last("Socket", "Accept") is { } accept)
        {
            // With Accept=yes each connection starts an instance of the template NAME@.service.
            if (accept.Value is null)
            {
                return (null, null, fix);
            }

            if (UnitRules.IsTrue(accept.Value))
            {
                return (prefix + "@.service", unit.NameOrigin, fix);
            }
        }

        return (prefix + ".service", unit.NameOrigin, fix);
    }

    /// <summary>The unit names of a dependency value (space-separated); names with specifiers are not checked.</summary>
    internal static IEnumerable<string> Names(string? value)
    {
        if (value is null)
        {
            yield break;
        }

        foreach (var word in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.IndexOf('%') < 0 && IsUnitName(word))
            {
                yield return word; // names with specifiers, or invalid ones (CDSL204 at the literal), are not checked
            }
        }
    }

    private static bool IsUnitName(string name) => Systemd.UnitName.TryParse(name, out _, out _);

    /// <summary>
    /// A unit systemd makes without a unit file, so a reference to it needs no definition: devices (they exist
    /// when udev sees the device, <c>dev-disk-by\x2dlabel-DOCKER.device</c>), slices (loaded implicitly), scopes
    /// (created at run time), and the root mount <c>-.mount</c>.
    /// </summary>
    private static bool IsGenerated(string name) =>
        name == "-.mount"
        || (Systemd.UnitName.TryParse(name, out var parsed, out _)
            && parsed.Type is Systemd.UnitType.Device or Systemd.UnitType.Slice or Systemd.UnitType.Scope);

    /// <summary>Defined in the worker, directly or as an instance of a template the worker defines.</summary>
    private static bool IsDefined(string name, HashSet<string> defined)
    {
        if (defined.Contains(name))
        {
            return true;
        }

        var at = name.IndexOf('@');
        var dot = name.LastIndexOf('.');
        return at > 0 && dot > at && defined.Contains(name.Substring(0, at + 1) + name.Substring(dot));
    }
}
