using CoreosDsl.Ignition.Validation;
using CoreosDsl.Rules;

namespace CoreosDsl;

/// <summary>
/// <c>validate FILE.json</c>: an Ignition config checked with ignition-validate's rules
/// (<see cref="IgnitionValidator"/>), then its units with the analyzers' rules for unit text, as a worker's units
/// are checked (<c>WorkerDefinition.Validate</c>): values of directives by the syntax of their builder
/// methods, sections and directives no builder knows (CDSL240/241), settings systemd refuses at load time, and
/// references between the units against the units Flatcar ships. These findings carry their <c>CDSL…</c> ID.
/// </summary>
public static class IgnitionFileValidation
{
    /// <summary>Validates the Ignition config in <paramref name="json"/>.</summary>
    /// <param name="json">The file's bytes.</param>
    /// <returns>ignition-validate's findings, then the unit findings.</returns>
    public static IgnitionValidationReport Validate(byte[] json)
    {
        var report = IgnitionValidator.Validate(json);
        return report.HasErrors ? report : report.WithEntries(CheckUnits(report.Units).Concat(CheckNetworkdFiles(report.Files)).Concat(CheckGzipData(report.Source)).Concat(CheckFilesFlatcarShips(report.Source)));
    }

    /// <summary>The files of /etc a Flatcar root filesystem already holds when Ignition writes the config's files.</summary>
    private static readonly string[] FilesFlatcarShips = ["/etc/flatcar/update.conf"];

    /// <summary>
    /// A file Flatcar already has, given contents without <c>overwrite: true</c>: since spec 3.0.0 <c>overwrite</c>
    /// defaults to false, and Ignition then fails the boot (<c>A file exists there already and overwrite is false</c>;
    /// Flatcar's update-strategy examples were fixed for this). Appending, or no contents, is fine.
    /// </summary>
    private static IEnumerable<IgnitionValidationEntry> CheckFilesFlatcarShips(string source)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(source)?["storage"]?["files"] is not System.Text.Json.Nodes.JsonArray files)
        {
            yield break;
        }

        for (var i = 0; i < files.Count; i++)
        {
            if (files[i] is System.Text.Json.Nodes.JsonObject file && file["path"] is System.Text.Json.Nodes.JsonValue p && p.TryGetValue<string>(out var path)
                && FilesFlatcarShips.Contains(path)
                && file["contents"]?["source"] is System.Text.Json.Nodes.JsonValue
                && !(file["overwrite"] is System.Text.Json.Nodes.JsonValue o && o.TryGetValue<bool>(out var overwrite) && overwrite))
            {
                yield return new IgnitionValidationEntry(IgnitionSeverity.Error, "overwrite", $"$.storage.files.{i}", 0, 0,
                    $"{path} exists on Flatcar before Ignition runs, and overwrite is not true, so Ignition fails the boot (a file exists there already and overwrite is false)")
                {
                    Fix = "add \"overwrite\": true (Butane: overwrite: true), or use append to add lines",
                };
            }
        }
    }

    /// <summary>
    /// Resources that say <c>compression: gzip</c> but whose data URL holds no gzip data (Butane's
    /// <c>compression: gzip</c> beside <c>inline:</c> text writes that): ignition-validate and Butane pass them, but
    /// Ignition fails the boot when it writes the file (<c>failed to create file ...: unexpected EOF</c>).
    /// </summary>
    private static IEnumerable<IgnitionValidationEntry> CheckGzipData(string source)
    {
        var found = new List<IgnitionValidationEntry>();
        void Walk(System.Text.Json.Nodes.JsonNode? node, string path)
        {
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    if (obj["compression"] is System.Text.Json.Nodes.JsonValue c && c.TryGetValue<string>(out var compression) && compression == "gzip"
                        && obj["source"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var url)
                        && Ignition.DataUrl.TryDecode(url) is { } bytes && !IsGzip(bytes))
                    {
                        found.Add(new IgnitionValidationEntry(IgnitionSeverity.Error, "gzip", $"{path}.compression", 0, 0,
                            "compression is gzip, but the data URL's bytes are not gzip data, so Ignition fails the boot writing them (unexpected EOF)")
                        {
                            Fix = "drop compression to write the bytes as they are, or gzip them and give them base64 (data:;base64,H4sI...)",
                        });
                    }

                    foreach (var (key, child) in obj)
                    {
                        Walk(child, $"{path}.{key}");
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}.{i}");
                    }

                    break;
            }
        }

        try
        {
            Walk(System.Text.Json.Nodes.JsonNode.Parse(source), "$");
        }
        catch (System.Text.Json.JsonException)
        {
            // not reached: the report has no errors, so the source is JSON
        }

        return found;
    }

    private static bool IsGzip(byte[] data)
    {
        if (data.Length < 18 || data[0] != 0x1f || data[1] != 0x8b)
        {
            return false; // shorter than a gzip header and trailer, or without gzip's magic bytes
        }

        try
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
            gzip.CopyTo(Stream.Null);
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    /// <summary>
    /// The networkd files under /etc/systemd/network (<c>.network</c>, <c>.netdev</c>, <c>.link</c>) checked as
    /// systemd-networkd and udev read them (<see cref="NetworkdTextRules"/>); each finding points at the file's
    /// <c>contents.source</c> and names the line of the file's text.
    /// </summary>
    private static IEnumerable<IgnitionValidationEntry> CheckNetworkdFiles(IReadOnlyList<IgnitionFileText> files)
    {
        const string directory = Networkd.NetworkdFile.Directory + "/";
        foreach (var file in files.Where(f => f.Path.StartsWith(directory, StringComparison.Ordinal) && f.Path.IndexOf('/', directory.Length) < 0))
        {
            foreach (var (finding, line) in NetworkdTextRules.Check(file.Path[directory.Length..], file.Contents))
            {
                yield return new IgnitionValidationEntry(
                    finding.Rule.Severity == RuleSeverity.Error ? IgnitionSeverity.Error : IgnitionSeverity.Warning,
                    finding.Rule.Id, file.Where.JsonPath, file.Where.Line, file.Where.Column,
                    $"{file.Path}:{line + 1}: {finding.Message}") { Length = file.Where.Length };
            }
        }
    }

    private static IEnumerable<IgnitionValidationEntry> CheckUnits(IReadOnlyList<IgnitionUnitText> units)
    {
        var schema = LoadedDirectiveSyntax.Schema();
        var facts = new List<UnitFacts>();
        var findings = new List<(RuleFinding Finding, IgnitionLocation Where)>();
        foreach (var unit in units)
        {
            var fact = new UnitFacts(unit.Name, null, unit.Name)
            {
                WrittenAsText = true,
                // Ignition enables the unit through a preset: it starts at boot, as cloud-config's command: start.
                Command = unit.Enabled == true ? "start" : null,
                HasContent = !string.IsNullOrEmpty(unit.Contents),
                ContentText = unit.Contents,
            };
            if (unit.Mask)
            {
                continue; // a masked unit is linked to /dev/null: its text is never loaded
            }

            if (fact.HasContent)
            {
                Check(unit.Contents!, unit.Name, unit.Name, unit.Where, fact, dropIn: false);
            }

            foreach (var dropIn in unit.DropIns.Where(d => !string.IsNullOrEmpty(d.Contents)))
            {
                Check(dropIn.Contents!, unit.Name, $"{unit.Name}.d/{dropIn.Name}", dropIn.Where, fact, dropIn: true);
            }

            facts.Add(fact);
            findings.AddRange(UnitRules.Check(fact).Concat(UnitRules.CheckDropIns(fact)).Select(f => (f, Locate(unit, f.Origin))));
        }

        var stock = StockUnits.For(TargetOs.Flatcar);
        findings.AddRange(WorkerUnitRules.Check(facts, stock).Select(f => (f, units.Count > 0 ? Locate(units, f.Origin) : new IgnitionLocation("$", 1, 1, 1))));
        return findings.Select(x => new IgnitionValidationEntry(
            x.Finding.Rule.Severity == RuleSeverity.Error ? IgnitionSeverity.Error : IgnitionSeverity.Warning,
            x.Finding.Rule.Id, x.Where.JsonPath, x.Where.Line, x.Where.Column,
            x.Finding.Origin is string where ? $"{where}: {x.Finding.Message}" : x.Finding.Message) { Length = x.Where.Length });

        void Check(string content, string unitName, string file, IgnitionLocation where, UnitFacts fact, bool dropIn)
        {
            var local = new List<RuleFinding>();
            if (LiteralChecks.CheckCloudConfig("unit-content", null, content, file) is { } unreadable)
            {
                local.Add(unreadable);
                fact.ContentKnown = false;
            }
            else
            {
                local.AddRange(LiteralChecks.CheckUnitContent(content, LoadedDirectiveSyntax.Of, file));
                WorkerRules.CheckNames(schema, unitName, file, content, local);
                WorkerRules.AddLines(fact, file, content, dropIn);
            }

            findings.AddRange(local.Select(f => (f, where)));
        }
    }

    // A finding of one unit points at its contents, or at the drop-in its origin names.
    private static IgnitionLocation Locate(IgnitionUnitText unit, object? origin) =>
        origin is string text && unit.DropIns.FirstOrDefault(d => text.StartsWith($"{unit.Name}.d/{d.Name}", StringComparison.Ordinal)) is { } dropIn
            ? dropIn.Where
            : unit.Where;

    private static IgnitionLocation Locate(IReadOnlyList<IgnitionUnitText> units, object? origin) =>
        origin is string text && units.Where(u => u.Name.Length > 0 && text.StartsWith(u.Name, StringComparison.Ordinal)).OrderByDescending(u => u.Name.Length).FirstOrDefault() is { } unit
            ? Locate(unit, origin)
            : units[0].Where;
}
