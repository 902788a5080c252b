using CoreosDsl.Generators.CloudConfig;
using CoreosDsl.Generators.Schema;
using CoreosDsl.Generators.Systemd;
using CoreosDsl.Tests.Shared;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.RepresentationModel;

namespace CoreosDsl.Generators.Tests;

/// <summary>The bundled schema files against the reference tables they were made from.</summary>
public class SchemaCoverageTests
{
    private static readonly Dictionary<string, string> OtherKinds = new(StringComparer.Ordinal)
    {
        ["octal file mode (e.g. 0755)"] = "mode",
        ["signal name or number (SIGTERM, TERM, 15, SIGRTMIN+n)"] = "signal",
        ["single unit name"] = "unit",
        ["slice unit name (*.slice)"] = "slice",
        ["service unit name (*.service)"] = "service",
    };

    private static SystemdModel Systemd() => SystemdSchemaResolver.Resolve(
        BundledSchemas.Systemd()
            .Select(f => SchemaFileParser.Parse(f.Path, SourceText.From(f.GetText()!.ToString()), CancellationToken.None)).ToList());

    private static List<Dictionary<string, string>> Tsv(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.TestData, "reference", name));
        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => header.Zip(l.Split('\t')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void EveryDirectiveOfTheReferenceIsInTheSchemaWithItsKindRepetitionAndDeprecation()
    {
        var model = Systemd();
        Assert.Empty(model.Diagnostics);
        var rows = Tsv("systemd-directives.tsv");
        Assert.Equal(1462, rows.Count);
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var where = $"[{row["section"]}] {row["directive"]}=";
            var section = model.Sections.SingleOrDefault(s => s.Name == row["section"]);
            var spec = section?.Directives.SingleOrDefault(d => d.Name == row["directive"]);
            if (spec is null)
            {
                problems.Add($"{where} is missing");
                continue;
            }

            var (kind, enumValues, detail) = ExpectedKind(row);
            if (spec.Kind != kind)
            {
                problems.Add($"{where}: kind {spec.Kind}, reference says {kind}");
            }

            if (enumValues is not null)
            {
                var values = model.Enums.Single(e => e.Name == spec.EnumName).Values.Select(v => v.Value);
                if (!values.SequenceEqual(enumValues.Where(v => !v.Contains('<', StringComparison.Ordinal))))
                {
                    problems.Add($"{where}: enum {spec.EnumName} has other values than {string.Join(",", enumValues)}");
                }
            }

            if (detail is not null && spec.Syntax != detail)
            {
                problems.Add($"{where}: syntax '{spec.Syntax}', reference says '{detail}'");
            }

            if (spec.Repeat != (row["repeatable"] == "yes"))
            {
                problems.Add($"{where}: repeat {spec.Repeat}, reference says {row["repeatable"]}");
            }

            var deprecation = spec.DeprecatedBecause is null ? "no" : $"{spec.Replacement ?? "none"} ({spec.DeprecatedBecause})";
            if (deprecation != row["deprecated"])
            {
                problems.Add($"{where}: deprecation '{deprecation}', reference says '{row["deprecated"]}'");
            }
        }

        var total = model.Sections.Sum(s => s.Directives.Count);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(rows.Count, total);
    }

    [Fact]
    public void EveryEnumSetOfTheReferenceIsInTheSchema()
    {
        var model = Systemd();
        foreach (var row in Tsv("enums.tsv"))
        {
            var spec = model.Enums.SingleOrDefault(e => e.Name == row["enum"]);
            Assert.True(spec is not null, $"enum {row["enum"]} is missing");
            Assert.Equal(row["values"].Split(','), spec.Values.Select(v => v.Value));
        }
    }

    [Theory]
    [InlineData(240)]
    [InlineData(252)]
    [InlineData(258)]
    [InlineData(261)]
    public void TheTargetVersionDecidesWhichDirectivesAreObsolete(int version)
    {
        // Expected levels read straight from the reference's deprecation column: "ignored since vN",
        // "removed vN; ignored" or "dropped vN; ignored" make an error from N on; "deprecated vN", "renamed vN",
        // "removed vN", "replaced vN" or "moved ... vN" make a warning from N on.
        var expectedWarnings = new SortedSet<string>(StringComparer.Ordinal);
        var expectedErrors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in Tsv("systemd-directives.tsv"))
        {
            var text = row["deprecated"];
            var id = $"[{row["section"]}] {row["directive"]}";
            var ignored = System.Text.RegularExpressions.Regex.Match(text, @"ignored since v(\d+)|(?:removed|dropped) v(\d+); ignored");
            var deprecated = System.Text.RegularExpressions.Regex.Match(text, @"(?:deprecated|renamed|removed|replaced|moved to \[Unit\]) v(\d+)");
            if (ignored.Success && version >= int.Parse(ignored.Groups[1].Success ? ignored.Groups[1].Value : ignored.Groups[2].Value))
            {
                expectedErrors.Add(id);
            }
            else if (deprecated.Success && version >= int.Parse(deprecated.Groups[1].Value))
            {
                expectedWarnings.Add(id);
            }
        }

        var model = Systemd();
        var byVersion = model.Sections.SelectMany(s => s.Directives.Select(d => (Id: $"[{s.Name}] {d.Name}", d)))
            .Where(x => x.d.Misplaced is null)
            // What the analyzer makes of the generated [SystemdDeprecated] at this version (the runtime's attribute).
            .Select(x => (x.Id, Level: new CoreosDsl.Systemd.SystemdDeprecatedAttribute(x.d.Name) { Deprecated = x.d.DeprecatedIn, Ignored = x.d.IgnoredIn }.LevelAt(version).ToString()))
            .ToList();

        Assert.Equal(expectedWarnings, new SortedSet<string>(byVersion.Where(x => x.Level == "Deprecated").Select(x => x.Id), StringComparer.Ordinal));
        Assert.Equal(expectedErrors, new SortedSet<string>(byVersion.Where(x => x.Level == "Ignored").Select(x => x.Id), StringComparer.Ordinal));
        // The seed's CPUShares= sanity-checks the reading of the reference itself.
        Assert.Equal(version >= 258, expectedErrors.Contains("[Service] CPUShares"));
        Assert.Equal(version is >= 252 and < 258, expectedWarnings.Contains("[Service] CPUShares"));
    }

    [Fact]
    public void EveryCloudConfigKeyOfTheReferenceIsInTheSchema()
    {
        var file = BundledSchemas.CloudConfig();
        var model = CloudConfigSchemaResolver.Resolve([SchemaFileParser.Parse(file.Path, SourceText.From(file.GetText()!.ToString()), CancellationToken.None)]);
        Assert.Empty(model.Diagnostics);

        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.TestData, "reference", "cloud-config-schema.yaml"))));
        var schema = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["schema"];
        var expected = new List<(string Path, YamlMappingNode Spec)>();
        void Walk(string prefix, YamlMappingNode fields)
        {
            foreach (var (key, value) in fields)
            {
                var path = prefix + ((YamlScalarNode)key).Value;
                var spec = (YamlMappingNode)value;
                expected.Add((path, spec));
                if (spec.Children.TryGetValue("fields", out var sub))
                {
                    Walk(path + ".", (YamlMappingNode)sub);
                }

                if (spec.Children.TryGetValue("item_fields", out var items))
                {
                    Walk(path + "[].", (YamlMappingNode)items);
                }
            }
        }

        Walk("", schema);
        Assert.Equal(178, expected.Count);
        Assert.Equal(expected.Select(e => e.Path).Order(StringComparer.Ordinal), model.Keys.Select(k => k.Path).Order(StringComparer.Ordinal));
        foreach (var (path, spec) in expected)
        {
            var key = model.Keys.Single(k => k.Path == path);
            string? Get(string name) => spec.Children.TryGetValue(name, out var v) ? ((YamlScalarNode)v).Value : null;
            Assert.Equal(Get("type"), key.Type);
            Assert.Equal(Get("dash_form"), key.Dash);
            Assert.Equal(Get("valid"), key.Valid);
            Assert.Equal(Get("deprecated"), key.Deprecated);
            Assert.Equal(Get("env"), key.Env);
            Assert.Equal(Get("required_at_runtime") == "true", key.Required);
        }
    }

    private static (string Kind, string[]? EnumValues, string? Syntax) ExpectedKind(Dictionary<string, string> row)
    {
        var kind = row["kind"];
        if (kind == "string" && row["parser"] == "config_parse_user_group_compat")
        {
            return ("user", null, null); // a string checked as systemd checks user and group names
        }

        if (kind.StartsWith("other:ignored", StringComparison.Ordinal))
        {
            return ("ignored", null, null);
        }

        if (kind.StartsWith("enum:", StringComparison.Ordinal))
        {
            return ("enum", kind[5..].Split(','), null);
        }

        if (kind.StartsWith("list:enum:", StringComparison.Ordinal))
        {
            return ("list:enum", kind[10..].Split(','), null);
        }

        if (kind.StartsWith("other:", StringComparison.Ordinal))
        {
            var text = kind[6..];
            return OtherKinds.TryGetValue(text, out var mapped) ? (mapped, null, null) : ("other", null, text);
        }

        return (kind, null, null);
    }
}
