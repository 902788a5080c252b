using System.Globalization;
using System.Reflection;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Schema;

namespace CoreosDsl.Host;

/// <summary>What <see cref="CloudConfigImporter.Import"/> is asked to write.</summary>
internal sealed record ImportOptions
{
    /// <summary>The worker's name (a DNS label).</summary>
    public required string WorkerName { get; init; }

    /// <summary>The static class holding <c>Define()</c>.</summary>
    public string ClassName { get; init; } = "ImportedWorker";

    /// <summary>The namespace of the class; null for none.</summary>
    public string? Namespace { get; init; }

    /// <summary>Where the input came from, for the header comment.</summary>
    public string SourceName { get; init; } = "cloud-config.yml";

    /// <summary>Whose YAML library types the input's plain scalars.</summary>
    public CloudConfigDialect Dialect { get; init; } = CloudConfigDialect.Flatcar;

    /// <summary>The assembly holding the generated systemd unit builders (the definitions project); null imports units as raw text.</summary>
    public Assembly? UnitBuilders { get; init; }
}

/// <summary>What the import produced.</summary>
/// <param name="Source">The C# source of the worker definition.</param>
/// <param name="Notes">What the user should review: renamed dash keys, deprecated directives, parts kept raw and why.</param>
/// <param name="ExpectedTree">The cloud-config the source builds: the input, with dash-form keys renamed to their underscore names.</param>
internal sealed record ImportResult(string Source, IReadOnlyList<string> Notes, ConfigMapping ExpectedTree);

/// <summary>
/// <c>import</c>: turns an existing cloud-config into C# that builds the same cloud-config with the typed builders,
/// so users can migrate. Every key becomes the builder call that rebuilds it exactly (each candidate is executed on
/// the real builders and compared with the input), units become typed unit builders directive by directive, and
/// whatever the builders cannot express stays as raw nodes or raw unit text, so the result always round-trips.
/// </summary>
internal static class CloudConfigImporter
{
    /// <summary>Imports <paramref name="yaml"/>.</summary>
    /// <exception cref="YamlSyntaxException">The input is not YAML with a mapping at the top.</exception>
    public static ImportResult Import(string yaml, ImportOptions options)
    {
        var input = CloudConfigYaml.Read(yaml, options.Dialect);
        var notes = new List<string>();
        var expected = Normalize(input, "", notes);
        var context = new Context(new BuilderCatalog(options.UnitBuilders), notes, RefusedValues(expected, options.Dialect));
        var steps = PlanMapping(context, typeof(CloudConfigBuilder), expected, "");
        var source = CSharpWriter.Write(options, steps, context.Notes);
        return new ImportResult(source, context.Notes, (ConfigMapping)expected);
    }

    private sealed record Context(BuilderCatalog Catalog, List<string> Notes, IReadOnlyDictionary<string, string> Refused)
    {
        public UnitImporter Units { get; } = new(Catalog);
    }

    /// <summary>
    /// The keys whose values the analyzers would refuse as typed arguments (a <c>{{VM_NAME}}</c> placeholder is not a
    /// host name): key path (list items as <c>[]</c>) → the rule and its message. The input is checked as a worker
    /// holding it, with the runtime twin of the analyzers, so that the import compiles under them.
    /// </summary>
    private static Dictionary<string, string> RefusedValues(ConfigMapping expected, CloudConfigDialect dialect)
    {
        var worker = Worker.Define("import-check", w =>
        {
            foreach (var (key, value) in expected)
            {
                w.Node.Set(key, NodeCopy.Of(value));
            }
        });
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var finding in worker.Validate(dialect))
        {
            const string prefix = "cloud-config ";
            if (finding.Id.StartsWith("CDSL21", StringComparison.Ordinal) && finding.Where.StartsWith(prefix, StringComparison.Ordinal))
            {
                var path = System.Text.RegularExpressions.Regex.Replace(finding.Where[prefix.Length..], @"\[\d+\]", "[]");
                if (!path.StartsWith("coreos.units", StringComparison.Ordinal)) // unit text has its own raw form (UnitCandidates)
                {
                    refused.TryAdd(path.EndsWith("[]", StringComparison.Ordinal) ? path[..^2] : path, $"{finding.Id}: {finding.Message}");
                }
            }
        }

        return refused;
    }

    /// <summary>
    /// A copy of the input with dash-form keys (<c>reboot-strategy</c>) renamed to the underscore names the builders
    /// write, which coreos-cloudinit documents and Flatcar alone reads.
    /// </summary>
    private static ConfigMapping Normalize(ConfigMapping input, string path, List<string> notes)
    {
        var copy = new ConfigMapping();
        foreach (var (written, value) in input)
        {
            var key = written;
            if (UnderscoreName(path, written) is { } underscore && !input.TryGet(underscore, out _))
            {
                key = underscore;
                notes.Add($"{Join(path, written)}: written as {underscore}, the name coreos-cloudinit documents (Flatcar reads only that spelling)");
            }

            var childPath = Join(path, key);
            copy.Set(key, value switch
            {
                ConfigMapping m => Normalize(m, childPath, notes),
                ConfigSequence q => new ConfigSequence(q.Select((item, i) => item is ConfigMapping im ? Normalize(im, childPath + "[]", notes) : NodeCopy.Of(item))),
                _ => NodeCopy.Of(value),
            });
        }

        return copy;
    }

    /// <summary>Steps that set every key of <paramref name="input"/> on a builder of <paramref name="builderType"/>.</summary>
    private static List<ImportStep> PlanMapping(Context context, Type builderType, ConfigMapping input, string path)
    {
        var keys = context.Catalog.KeysOf(builderType);
        var steps = new List<ImportStep>();
        foreach (var (key, value) in input)
        {
            var childPath = Join(path, key);
            if (value is not ConfigMapping && context.Refused.TryGetValue(childPath, out var refusal))
            {
                // Typed, it would not compile under the analyzers: kept visibly raw, for the user to fill in or fix.
                context.Notes.Add($"{childPath}: kept as a raw node (Node.Set), which the analyzers do not check, because {refusal}");
                steps.Add(new RawNodeStep(key, value));
                continue;
            }

            var step = keys.TryGetValue(key, out var methods) ? PlanKey(context, builderType, key, value, methods, childPath) : [];
            if (step.Count == 0)
            {
                context.Notes.Add(methods is null
                    ? $"{childPath}: not a key the builders know (not in the cloud-config schema); set as a raw node"
                    : $"{childPath}: the builders would not write this value exactly ({ConfigTreeDiff.Show(value)}); set as a raw node");
                step = [new RawNodeStep(key, value)];
            }

            steps.AddRange(step);
        }

        return steps;
    }

    /// <summary>The builder calls that rebuild <c>key: value</c> exactly, or an empty list.</summary>
    private static List<ImportStep> PlanKey(Context context, Type builderType, string key, ConfigNode value, IReadOnlyList<MethodInfo> methods, string path)
    {
        foreach (var method in methods.OrderBy(Preference))
        {
            foreach (var candidate in Candidates(context, method, value, path))
            {
                if (Rebuilds(builderType, candidate, key, value))
                {
                    return candidate;
                }
            }
        }

        return [];
    }

    private static int Preference(MethodInfo method) => method.GetParameters() switch
    {
        [{ ParameterType: var t }] when t == typeof(string) => 0,
        [{ ParameterType.IsEnum: true }] => 1,
        [{ ParameterType: var t }] when t == typeof(bool) || t == typeof(long) || t == typeof(double) => 2,
        [{ ParameterType: var t }] when t == typeof(string[]) => 3,
        [{ ParameterType: var t }, { ParameterType: var u }] when t == typeof(string) && u == typeof(string) => 4,
        [{ ParameterType.IsGenericType: true }] => 5,
        _ => 9,
    };

    /// <summary>Candidate step lists for setting <paramref name="value"/> with <paramref name="method"/>.</summary>
    private static IEnumerable<List<ImportStep>> Candidates(Context context, MethodInfo method, ConfigNode value, string path)
    {
        var parameters = method.GetParameters();
        var comment = BuilderCatalog.WarningOf(method);
        CallStep Call(params ImportArg[] args) => new(method, args) { Comment = comment };

        switch (parameters, value)
        {
            case ([{ ParameterType: var t }], ConfigScalar { Kind: ScalarKind.String, Tag: null } s) when t == typeof(string):
                yield return [Call(new LiteralArg(s.Value))];
                break;
            case ([{ ParameterType: { IsEnum: true } t }], ConfigScalar { Tag: null }):
                foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => !BuilderCatalog.IsError(f)))
                {
                    yield return [new CallStep(method, [new LiteralArg(field.GetValue(null)!)]) { Comment = comment ?? BuilderCatalog.WarningOf(field) }];
                }

                break;
            case ([{ ParameterType: var t }], ConfigScalar { Kind: ScalarKind.Bool, Tag: null } s) when t == typeof(bool):
                yield return [Call(new LiteralArg(s.Value == "true"))];
                break;
            case ([{ ParameterType: var t }], ConfigScalar { Kind: ScalarKind.Int, Tag: null } s) when t == typeof(long)
                && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number):
                yield return [Call(new LiteralArg(number))];
                break;
            case ([{ ParameterType: var t }], ConfigScalar { Kind: ScalarKind.Float or ScalarKind.Int, Tag: null } s) when t == typeof(double)
                && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real):
                yield return [Call(new LiteralArg(real))];
                break;
            case ([{ ParameterType: var t }], ConfigSequence items) when t == typeof(string[])
                && items.All(i => i is ConfigScalar { Kind: ScalarKind.String, Tag: null }):
                yield return [Call(new ParamsArg(items.Cast<ConfigScalar>().Select(i => (object)i.Value).ToList()))];
                break;
            case ([{ ParameterType: var t }], ConfigScalar { Kind: ScalarKind.String, Tag: null } s) when t == typeof(string[]):
                // A comma-separated list written from separate values (etcd_servers: "a, b"); never one value that
                // holds the list ("a,b"), which the analyzers would check as one URL.
                foreach (var split in new[] { s.Value.Split(", "), s.Value.Split(',').Select(v => v.Trim()).ToArray() })
                {
                    if (!split.Any(v => v.Contains(',', StringComparison.Ordinal)))
                    {
                        yield return [Call(new ParamsArg(split.Select(v => (object)v).ToList()))];
                    }
                }

                break;
            case ([{ ParameterType: var t }, { ParameterType: var u }], ConfigScalar { Kind: ScalarKind.String, Tag: null } s)
                when t == typeof(string) && u == typeof(string) && s.Value.Length > 0:
                // key=value pairs (fleet metadata: "role=worker,region=eu"), one call per pair.
                var pairs = s.Value.Split(',').Select(p => p.Split('=', 2)).ToList();
                if (pairs.All(p => p.Length == 2))
                {
                    yield return pairs.Select(p => (ImportStep)Call(new LiteralArg(p[0]), new LiteralArg(p[1]))).ToList();
                }

                break;
            case ([{ ParameterType: { IsGenericType: true } t }], ConfigMapping mapping) when t.GetGenericTypeDefinition() == typeof(Action<>)
                && !BuilderCatalog.IsListBuilder(t.GetGenericArguments()[0]):
                yield return [Call(new LambdaArg(Hint(method.Name), PlanMapping(context, t.GetGenericArguments()[0], mapping, path)))];
                break;
            case ([{ ParameterType: { IsGenericType: true } t }], ConfigSequence sequence) when t.GetGenericTypeDefinition() == typeof(Action<>)
                && BuilderCatalog.IsListBuilder(t.GetGenericArguments()[0]):
                yield return [Call(new LambdaArg(Hint(method.Name), PlanSequence(context, t.GetGenericArguments()[0], sequence, path)))];
                break;
        }
    }

    /// <summary>Steps that append every item of <paramref name="input"/> with a list builder.</summary>
    private static List<ImportStep> PlanSequence(Context context, Type listBuilderType, ConfigSequence input, string path)
    {
        var steps = new List<ImportStep>();
        var add = BuilderCatalog.AddMethod(listBuilderType);
        for (var index = 0; index < input.Count; index++)
        {
            var item = input[index];
            var itemPath = $"{path}[{index}]";
            ImportStep? step = null;
            if (item is ConfigMapping mapping)
            {
                var candidates = listBuilderType == typeof(CoreosUnitsBuilder) ? UnitCandidates(context, mapping, add!) : [];
                if (add is not null)
                {
                    var itemType = add.GetParameters()[0].ParameterType.GetGenericArguments()[0];
                    candidates.Add(new CallStep(add, [new LambdaArg("item", PlanMapping(context, itemType, mapping, $"{path}[]"))]));
                }

                step = candidates.FirstOrDefault(c => RebuildsItem(listBuilderType, c, mapping));
            }

            if (step is null)
            {
                context.Notes.Add($"{itemPath}: the builders would not write this item exactly; added as a raw node");
                step = new RawNodeStep(null, item);
            }

            steps.Add(step);
        }

        return steps;
    }

    /// <summary>The forms of a <c>coreos.units</c> item, best first: a typed unit, a stock unit, raw unit text.</summary>
    private static List<ImportStep> UnitCandidates(Context context, ConfigMapping item, MethodInfo add)
    {
        var candidates = new List<ImportStep>();
        if (!item.TryGet("name", out var nameNode) || nameNode is not ConfigScalar { Kind: ScalarKind.String, Tag: null } nameScalar)
        {
            return candidates;
        }

        var name = nameScalar.Value;
        UnitCommand? command = null;
        if (item.TryGet("command", out var commandNode))
        {
            command = commandNode is ConfigScalar { Kind: ScalarKind.String, Tag: null } c
                ? Enum.GetValues<UnitCommand>().Cast<UnitCommand?>().FirstOrDefault(v => CloudConfigEnumText.Format(v!.Value) == c.Value)
                : null;
            if (command is null)
            {
                return candidates;
            }
        }

        var content = item.TryGet("content", out var contentNode) && contentNode is ConfigScalar { Kind: ScalarKind.String, Tag: null } cs ? cs.Value : null;
        if (item.TryGet("content", out _) && content is null)
        {
            return candidates;
        }

        // The other keys (enable, mask, runtime, drop_ins) go to the entry's own builder.
        var rest = new ConfigMapping();
        foreach (var (key, value) in item.Where(e => e.Key is not ("name" or "command" or "content")))
        {
            rest.Set(key, value);
        }

        var units = typeof(CoreosUnitsBuilder);
        var configure = rest.Count == 0 ? null : new LambdaArg("entry", PlanMapping(context, typeof(CoreosUnitBuilder), rest, "coreos.units[]"));
        ImportArg CommandArg() => command is { } c ? new LiteralArg(c) : new NullArg();

        if (content is { Length: > 0 } && CoreosDsl.Networkd.NetworkdFile.KindOf(name) is not null)
        {
            // A networkd file: the typed networkd builders when they write the text again, else the entry as it is.
            string? why = null;
            if (command is null && NetworkdImporter.TryImport(name, content, configure, context.Notes, out why) is { } networkd)
            {
                candidates.Add(networkd);
            }
            else if (why is not null)
            {
                context.Notes.Add($"coreos.units[{name}]: content kept as raw text: {why}");
            }
        }
        else if (content is { Length: > 0 })
        {
            var typed = context.Units.TryImport(name, content, context.Notes, out var reason);
            if (typed is not null)
            {
                if (configure is null && context.Catalog.UnitExtension(typed.Type, command is not null) is { } extension)
                {
                    var lambda = new LambdaArg("unit", typed.Steps);
                    candidates.Add(new CallStep(extension, command is { } c ? [new LiteralArg(name), new LiteralArg(c), lambda] : [new LiteralArg(name), lambda]));
                }

                var addUnit = units.GetMethod(nameof(CoreosUnitsBuilder.Add), [typeof(CoreosDsl.Systemd.UnitFile), typeof(UnitCommand?), typeof(Action<CoreosUnitBuilder>)])!;
                candidates.Add(configure is null && command is null
                    ? new CallStep(addUnit, [typed.Call(name)]) { Defaults = [null, null] }
                    : configure is null
                        ? new CallStep(addUnit, [typed.Call(name), CommandArg()]) { Defaults = [null] }
                        : new CallStep(addUnit, [typed.Call(name), CommandArg(), configure]));
            }
            else
            {
                context.Notes.Add($"coreos.units[{name}]: content kept as raw text: {reason}");
            }

            if (configure is null)
            {
                var raw = units.GetMethod(nameof(CoreosUnitsBuilder.Raw))!;
                candidates.Add(command is { } c
                    ? new CallStep(raw, [new LiteralArg(name), new LiteralArg(content), new LiteralArg(c)])
                    : new CallStep(raw, [new LiteralArg(name), new LiteralArg(content)]) { Defaults = [null] });
            }
        }
        else if (content is null && command is { } c)
        {
            var existing = units.GetMethod(nameof(CoreosUnitsBuilder.Existing))!;
            candidates.Add(configure is null
                ? new CallStep(existing, [new LiteralArg(name), new LiteralArg(c)]) { Defaults = [null] }
                : new CallStep(existing, [new LiteralArg(name), new LiteralArg(c), configure]));
        }

        return candidates;
    }

    /// <summary>True when the steps, on a fresh builder, set exactly <c>key: value</c> and nothing else.</summary>
    private static bool Rebuilds(Type builderType, List<ImportStep> steps, string key, ConfigNode value)
    {
        try
        {
            var builder = BuilderCatalog.Create(builderType);
            foreach (var step in steps)
            {
                step.Apply(builder);
            }

            return BuilderCatalog.NodeOf(builder) is { Count: 1 } node && node.TryGet(key, out var built) && built.DeepEquals(value);
        }
        catch (Exception e) when (IsBuilderRefusal(e))
        {
            return false;
        }
    }

    /// <summary>True when the step, on a fresh list builder, appends exactly <paramref name="item"/>.</summary>
    private static bool RebuildsItem(Type listBuilderType, ImportStep step, ConfigMapping item)
    {
        try
        {
            var builder = BuilderCatalog.Create(listBuilderType);
            step.Apply(builder);
            return BuilderCatalog.SequenceOf(builder) is [var only] && only.DeepEquals(item);
        }
        catch (Exception e) when (IsBuilderRefusal(e))
        {
            return false;
        }
    }

    private static bool IsBuilderRefusal(Exception e) => e is ArgumentException or FormatException or InvalidOperationException
        or OverflowException or InvalidCastException or CoreosDsl.Systemd.UnitDefinitionException or UriFormatException;

    /// <summary>The underscore key whose dash form is <paramref name="key"/> under <paramref name="path"/>, if the schema has one.</summary>
    private static string? UnderscoreName(string path, string key)
    {
        var parent = SchemaPath(path);
        return CloudConfigSchema.ChildrenOf(parent).FirstOrDefault(k => string.Equals(k.DashForm, key, StringComparison.Ordinal))?.Name;
    }

    private static string SchemaPath(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\[\d*\]", "[]");

    private static string Hint(string methodName) => char.ToLowerInvariant(methodName[0]) + methodName[1..];

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}

/// <summary>A <c>null</c> argument (no unit command).</summary>
internal sealed record NullArg : ImportArg
{
    /// <inheritdoc />
    public override object? Evaluate(Type parameterType) => null;
}
