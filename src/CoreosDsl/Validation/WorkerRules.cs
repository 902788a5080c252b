using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Schema;
using CoreosDsl.Rules;
using CoreosDsl.Systemd;

namespace CoreosDsl;

/// <summary>
/// The runtime twin of the compile-time analyzers: the same rules (<c>src/Shared/Rules</c>, compiled into the
/// analyzer assembly and into this one) over the built worker, for values the analyzers cannot see because they are
/// computed at run time. Each finding has the analyzer's ID and message.
/// </summary>
/// <remarks>
/// What is checked: every cloud-config value whose key has a format or a validator pattern (URLs, host name, SSH
/// keys, paths, file modes, unit names, unit content), the config URL on the kernel line, and the units of <c>coreos.units</c> read back from their
/// content (and drop-ins) with <see cref="UnitFileReader"/>: the settings systemd refuses at load time and the
/// references across the worker's units, against the stock units of the dialect's OS. Values of unit directives
/// set through the typed builders were refused when set; those in raw unit text are checked here by the syntax of
/// the generated builder method for the directive (<see cref="LoadedDirectiveSyntax"/>).
/// </remarks>
internal static class WorkerRules
{
    /// <summary>The findings for <paramref name="worker"/>, for a machine running Flatcar.</summary>
    public static IEnumerable<WorkerDiagnostic> Check(WorkerDefinition worker) => Check(worker, CloudConfigDialect.Flatcar);

    /// <summary>The findings for <paramref name="worker"/> on the OS that reads <paramref name="dialect"/>.</summary>
    public static IEnumerable<WorkerDiagnostic> Check(WorkerDefinition worker, CloudConfigDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var findings = new List<RuleFinding>();
        CheckValues(worker.CloudConfig, "", "", findings);
        if (worker.Boot.ConfigUrl is { } configUrl)
        {
            // The kernel's cloud-config-url=: coreos-cloudinit fetches only http and https.
            Add(findings, LiteralChecks.CheckCloudConfig("url", null, configUrl.OriginalString, "config URL (cloud-config-url=)"));
        }

        CheckUnits(worker.CloudConfig, dialect, findings, origins: null, writtenAsText: false);
        findings.AddRange(NetworkdWriteFiles(worker.CloudConfig).Select(f => f.Finding));
        return findings.Select(f => new WorkerDiagnostic(
            f.Rule.Id,
            f.Rule.Severity == RuleSeverity.Error ? WorkerDiagnosticSeverity.Error : WorkerDiagnosticSeverity.Warning,
            f.Message,
            f.Origin as string ?? worker.Name));
    }

    /// <summary>
    /// The findings for the units of a cloud-config that was not built here (<c>validate FILE</c>): the values of
    /// <c>coreos.units</c> (unit names, unit text) as the analyzers check literals, and the units read back from their
    /// content and drop-ins as for a worker. <paramref name="origins"/> learns where in the unit text each finding points.
    /// </summary>
    internal static List<RuleFinding> CheckUnitsOf(ConfigMapping cloudConfig, CloudConfigDialect dialect, UnitTextOrigins origins)
    {
        var findings = new List<RuleFinding>();
        if (cloudConfig.TryGet("coreos", out var coreos) && coreos is ConfigMapping c && c.TryGet("units", out var units))
        {
            var unitsOnly = new ConfigMapping();
            unitsOnly.GetOrAddMapping("coreos").Set("units", units);
            CheckValues(unitsOnly, "", "", findings);
        }

        CheckUnits(cloudConfig, dialect, findings, origins, writtenAsText: true);
        return findings;
    }

    /// <summary>
    /// The networkd files <c>write_files</c> puts in /etc/systemd/network (plain <c>content</c>, no <c>encoding</c>),
    /// checked as systemd-networkd and udev read them: each finding with the file's text and the 0-based line in it.
    /// </summary>
    internal static IEnumerable<(RuleFinding Finding, string Content, int Line)> NetworkdWriteFiles(ConfigMapping cloudConfig)
    {
        const string directory = Networkd.NetworkdFile.Directory + "/";
        if (!cloudConfig.TryGet("write_files", out var list) || list is not ConfigSequence files)
        {
            yield break;
        }

        foreach (var file in files.OfType<ConfigMapping>())
        {
            if (Scalar(file, "path") is { } path && path.StartsWith(directory, StringComparison.Ordinal) && path.IndexOf('/', directory.Length) < 0
                && string.IsNullOrEmpty(Scalar(file, "encoding")) && Scalar(file, "content") is { Length: > 0 } content)
            {
                foreach (var (finding, line) in NetworkdTextRules.Check(path[directory.Length..], content))
                {
                    yield return (finding, content, line);
                }
            }
        }
    }

    /// <summary>The unit rules over coreos.units: each unit alone (as coreos-cloudinit leaves it), and across units.</summary>
    private static void CheckUnits(ConfigMapping cloudConfig, CloudConfigDialect dialect, List<RuleFinding> findings, UnitTextOrigins? origins, bool writtenAsText)
    {
        var schema = LoadedDirectiveSyntax.Schema();
        var units = ReadUnits(cloudConfig, schema, findings, origins);
        units.ForEach(u => u.WrittenAsText = writtenAsText);
        foreach (var unit in WorkerUnitRules.Merged(units))
        {
            findings.AddRange(UnitRules.Check(unit));
            findings.AddRange(UnitRules.CheckDropIns(unit));
        }

        var stock = StockUnits.For(dialect == CloudConfigDialect.CoreOS ? TargetOs.CoreOS : TargetOs.Flatcar);
        findings.AddRange(WorkerUnitRules.Check(units, stock));
    }

    /// <summary>Checks each value whose key has a format or a pattern, as the analyzer checks the literal.</summary>
    private static void CheckValues(ConfigMapping mapping, string schemaPath, string where, List<RuleFinding> findings)
    {
        foreach (var (name, node) in mapping)
        {
            var path = schemaPath.Length == 0 ? name : schemaPath + "." + name;
            var here = where.Length == 0 ? name : where + "." + name;
            if (CloudConfigSchema.Find(path) is not { } key)
            {
                continue; // unknown keys are the cloud-config validator's business
            }

            switch (node)
            {
                case ConfigMapping child:
                    CheckValues(child, path, here, findings);
                    break;
                case ConfigSequence items when key.Type == CloudConfigValueType.ObjectList:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is ConfigMapping item)
                        {
                            CheckValues(item, path + "[]", $"{here}[{i}]", findings);
                        }
                    }

                    break;
                case ConfigSequence items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is ConfigScalar scalar)
                        {
                            CheckValue(key, scalar.Value, $"{here}[{i}]", findings);
                        }
                    }

                    break;
                case ConfigScalar scalar:
                    CheckValue(key, scalar.Value, here, findings);
                    break;
            }
        }
    }

    private static void CheckValue(CloudConfigKey key, string value, string where, List<RuleFinding> findings)
    {
        // Enum-typed keys are chosen from the generated enum (its obsolete values are CDSL105 warnings).
        if (key.Enum is not null || (key.Format is null && key.ValidPattern is null))
        {
            return;
        }

        var origin = "cloud-config " + where;
        if (key.Format == "url-list")
        {
            // The builder joined the URLs with the key's separator; each one is checked as the analyzer checks an argument.
            foreach (var url in value.Split(',').Select(u => u.Trim()))
            {
                Add(findings, LiteralChecks.CheckCloudConfig("url", null, url, origin));
            }

            return;
        }

        var finding = LiteralChecks.CheckCloudConfig(key.Format ?? "pattern", key.ValidPattern, value, origin);
        Add(findings, finding);
        if (finding is null && key.Format == "unit-content")
        {
            // Raw unit text escapes the typed builders: each directive is checked as the analyzer checks it.
            findings.AddRange(LiteralChecks.CheckUnitContent(value, LoadedDirectiveSyntax.Of, origin));
        }
    }

    /// <summary>The entries of coreos.units as the rules' model: name, command, and the lines of content and drop-ins.</summary>
    private static List<UnitFacts> ReadUnits(ConfigMapping cloudConfig, UnitSchema schema, List<RuleFinding> findings, UnitTextOrigins? origins)
    {
        var units = new List<UnitFacts>();
        if (!cloudConfig.TryGet("coreos", out var coreos) || coreos is not ConfigMapping c
            || !c.TryGet("units", out var list) || list is not ConfigSequence entries)
        {
            return units;
        }

        for (var index = 0; index < entries.Count; index++)
        {
            if (entries[index] is not ConfigMapping entry)
            {
                continue;
            }

            var name = Scalar(entry, "name");
            if (string.IsNullOrEmpty(name))
            {
                continue; // coreos-cloudinit skips an entry without a name
            }

            var content = Scalar(entry, "content");
            var nameOrigin = new string(name.AsSpan()); // an origin of its own, which UnitTextOrigins tells apart
            origins?.Add(nameOrigin, new UnitTextPosition(index, null, null));
            var unit = new UnitFacts(name, null, nameOrigin)
            {
                Command = Scalar(entry, "command") is { Length: > 0 } command ? command : null,
                HasContent = !string.IsNullOrEmpty(content),
            };
            if (unit.HasContent)
            {
                unit.ContentText = content;
                var text = new UnitTextPosition(index, null, 0);
                AddLines(unit, name, content!, dropIn: false, text, origins);
                CheckNames(schema, name, name, content!, findings, text, origins);
                foreach (var (finding, line) in NetworkdTextRules.Check(name, content!))
                {
                    origins?.Add(finding.Origin!, text with { Line = line });
                    findings.Add(finding);
                }
            }

            if (entry.TryGet("drop_ins", out var dropIns) && dropIns is ConfigSequence dropInList)
            {
                for (var d = 0; d < dropInList.Count; d++)
                {
                    if (dropInList[d] is ConfigMapping dropIn && Scalar(dropIn, "content") is { Length: > 0 } dropInContent)
                    {
                        var file = $"{name}.d/{Scalar(dropIn, "name")}";
                        var text = new UnitTextPosition(index, d, 0);
                        AddLines(unit, file, dropInContent, dropIn: true, text, origins);
                        CheckNames(schema, name, file, dropInContent, findings, text, origins);
                    }
                }
            }

            units.Add(unit);
        }

        return units;
    }

    /// <summary>CDSL240/241: the sections and directives of unit or drop-in text that no builder knows.</summary>
    internal static void CheckNames(UnitSchema schema, string unit, string file, string content, List<RuleFinding> findings) =>
        CheckNames(schema, unit, file, content, findings, default, origins: null);

    /// <summary>The lines of unit or drop-in text as the rules' model.</summary>
    internal static void AddLines(UnitFacts unit, string file, string content, bool dropIn) =>
        AddLines(unit, file, content, dropIn, default, origins: null);

    /// <summary>CDSL240/241, recording where each finding points when <paramref name="origins"/> is given.</summary>
    private static void CheckNames(
        UnitSchema schema, string unit, string file, string content, List<RuleFinding> findings, UnitTextPosition text, UnitTextOrigins? origins)
    {
        object LineOrigin(int line)
        {
            var where = $"{file} line {line + 1}";
            origins?.Add(where, text with { Line = line });
            return where;
        }

        foreach (var finding in schema.CheckNames(content, unit, (section, key) => key is null ? $"{file} [{section}]" : $"{file} [{section}] {key}=", LineOrigin))
        {
            if (finding.Origin is string origin && UnitTextOrigins.SectionAndKey(origin) is var (section, key))
            {
                origins?.Add(origin, text with { Line = UnitTextLines.Find(content, section, key) });
            }

            findings.Add(finding);
        }
    }

    private static void AddLines(UnitFacts unit, string file, string content, bool dropIn, UnitTextPosition text, UnitTextOrigins? origins)
    {
        try
        {
            var lines = UnitTextLines.Entries(content);
            var i = 0;
            foreach (var section in UnitFileReader.ReadSections(content))
            {
                foreach (var line in section.Entries)
                {
                    var origin = $"{file} [{section.Name}] {line.Key}=";
                    // The reader and the scan see the same lines in the same order; the first line of each is known.
                    origins?.Add(origin, text with { Line = i < lines.Count && lines[i].Key == line.Key ? lines[i].Line : 0 });
                    i++;
                    unit.Lines.Add(new DirectiveFact(section.Name, line.Key, line.Value, origin) { InDropIn = dropIn });
                }
            }
        }
        catch (FormatException)
        {
            unit.ContentKnown = false; // the unit-content check of CheckValues reports it
        }
    }

    private static string? Scalar(ConfigMapping mapping, string key) =>
        mapping.TryGet(key, out var node) && node is ConfigScalar scalar ? scalar.Value : null;

    private static void Add(List<RuleFinding> findings, RuleFinding? finding)
    {
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }
}
