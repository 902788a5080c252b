using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.Ignition;
using CoreosDsl.Ignition.Schema;
using CoreosDsl.Ignition.Validation;

namespace CoreosDsl.Host;

/// <summary>What <see cref="IgnitionImporter.Import"/> produced.</summary>
/// <param name="Source">The C# source of the worker definition.</param>
/// <param name="Notes">What the user should review: parts kept raw and why.</param>
/// <param name="Expected">The Ignition config the source emits.</param>
internal sealed record IgnitionImportResult(string Source, IReadOnlyList<string> Notes, JsonObject Expected);

/// <summary>
/// <c>import FILE.json</c>: turns an Ignition config (spec 3.x) into C# that emits the same config with the typed
/// Ignition builders. Every key becomes the builder call that rebuilds it exactly (each candidate is executed on the
/// real builders and compared with the input), list items become keyed calls (<c>s.File("/etc/x", f => ...)</c>),
/// inline contents <c>r.Inline("text")</c>, verified remote ones <c>r.Remote(url, hash)</c>, modes octal text;
/// whatever the builders cannot express or would refuse stays as a visible raw node (<c>x.Node["key"] = ...</c>)
/// with the reason in the review list, so the result always emits the input.
/// </summary>
internal static class IgnitionImporter
{
    /// <summary>Imports <paramref name="config"/>.</summary>
    /// <param name="config">The config, already checked by the validator.</param>
    /// <param name="options">Names and where it came from.</param>
    /// <param name="localFiles">Resources (objects of the tree) whose contents came from a local file (Butane's <c>local</c>): written as <c>r.Local(path)</c>.</param>
    /// <param name="kind">What the input was, for the header: "Ignition config" or "Butane config".</param>
    public static IgnitionImportResult Import(JsonObject config, ImportOptions options, IReadOnlyDictionary<JsonObject, string>? localFiles = null, string kind = "Ignition config")
    {
        var context = new Context(new IgnitionBuilderCatalog(), [], localFiles ?? new Dictionary<JsonObject, string>(), new(ReferenceEqualityComparer.Instance));
        var input = (JsonObject)config.DeepClone();
        foreach (var problem in IgnitionSpecCheck.Check(input).Reverse())
        {
            // A key of a later spec (kernelArguments in a 3.1.0 config, as Terraform's Ignition provider writes
            // it empty): Ignition ignores it (ignition-validate: Unused key), and a worker refuses to write it
            // (CDSL263), so the import leaves it out instead of keeping a raw node that would not build.
            if (RemovePath(input, problem.Path))
            {
                context.Notes.Add($"{problem.Path}: a key of Ignition spec {problem.Since}, which a {problem.Version} config does not have (Ignition ignores it: " +
                    $"ignition-validate warns 'Unused key'); left out. To keep it, raise the worker's spec with .WithIgnitionSpec(IgnitionSpecVersion.{problem.Member})");
            }
        }

        var tree = (JsonObject)input.DeepClone();
        // The worker's config starts with ignition.version set to its spec (3.3.0 unless WithIgnitionSpec says
        // otherwise): a version the worker can select becomes that selection, any other stays a raw value.
        IgnitionSpecVersion? spec = null;
        if (tree["ignition"] is JsonObject ignition && ignition["version"] is JsonValue version && version.TryGetValue<string>(out var v)
            && IgnitionSpecVersionText.Parse(v) is { } selectable)
        {
            spec = selectable == IgnitionSpecVersion.V3_3_0 ? null : selectable;
            ignition.Remove("version");
            if (ignition.Count == 0)
            {
                tree.Remove("ignition");
            }
        }

        MapNetworkd(context, tree);
        var steps = PlanObject(context, typeof(IgnitionConfigBuilder), tree, "", MapLocal(context.LocalFiles, config, tree));
        var source = CSharpWriter.WriteIgnition(options, steps, context.Notes, kind, spec);
        return new IgnitionImportResult(source, context.Notes, input);
    }

    /// <summary>Removes the node at <paramref name="path"/> (<c>$.storage.files.0.key</c>, as ignition-validate writes paths); false when there is none.</summary>
    internal static bool RemovePath(JsonObject root, string path)
    {
        var parts = path.Split('.')[1..];
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject obj => obj[part],
                JsonArray array when int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node is JsonObject parent && parent.Remove(parts[^1]);
    }

    /// <summary>What planning needs along the way.</summary>
    /// <param name="Catalog">The builders' keys.</param>
    /// <param name="Notes">The review list.</param>
    /// <param name="LocalFiles">Resources whose contents came from a local file.</param>
    /// <param name="NetworkdFiles">The <c>contents</c> of files directly under /etc/systemd/network, with the file's name.</param>
    private sealed record Context(IgnitionBuilderCatalog Catalog, List<string> Notes, IReadOnlyDictionary<JsonObject, string> LocalFiles, Dictionary<JsonObject, string> NetworkdFiles);

    /// <summary>Finds the networkd files of <c>storage.files</c>, whose inline contents may become typed networkd calls.</summary>
    private static void MapNetworkd(Context context, JsonObject tree)
    {
        const string directory = CoreosDsl.Networkd.NetworkdFile.Directory + "/";
        if (tree["storage"] is not JsonObject storage || storage["files"] is not JsonArray files)
        {
            return;
        }

        foreach (var file in files.OfType<JsonObject>())
        {
            if (file["path"] is JsonValue p && p.TryGetValue<string>(out var path) && path.StartsWith(directory, StringComparison.Ordinal)
                && path.IndexOf('/', directory.Length) < 0 && CoreosDsl.Networkd.NetworkdFile.KindOf(path) is not null && file["contents"] is JsonObject contents)
            {
                context.NetworkdFiles[contents] = path[directory.Length..];
            }
        }
    }

    /// <summary>The objects of <paramref name="map"/> inside <paramref name="original"/>, found again at the same places in its copy <paramref name="copy"/>.</summary>
    private static Dictionary<JsonObject, string> MapLocal(IReadOnlyDictionary<JsonObject, string> map, JsonNode? original, JsonNode? copy)
    {
        var found = new Dictionary<JsonObject, string>(ReferenceEqualityComparer.Instance);
        void Walk(JsonNode? a, JsonNode? b)
        {
            switch (a, b)
            {
                case (JsonObject x, JsonObject y):
                    if (map.TryGetValue(x, out var path))
                    {
                        found[y] = path;
                    }

                    foreach (var (key, value) in x)
                    {
                        if (y.TryGetPropertyValue(key, out var other))
                        {
                            Walk(value, other);
                        }
                    }

                    break;
                case (JsonArray x, JsonArray y):
                    for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                    {
                        Walk(x[i], y[i]);
                    }

                    break;
            }
        }

        Walk(original, copy);
        return found;
    }

    /// <summary>Steps that set every key of <paramref name="input"/> on a builder of <paramref name="builderType"/>.</summary>
    private static List<ImportStep> PlanObject(Context context, Type builderType, JsonObject input, string path, Dictionary<JsonObject, string> local)
    {
        var steps = new List<ImportStep>();
        if (SugarSteps(context, builderType, input, local) is { } sugar)
        {
            steps.AddRange(sugar.Steps);
            input = sugar.Remaining;
        }

        var keys = context.Catalog.KeysOf(builderType);
        foreach (var (key, value) in input)
        {
            var childPath = path.Length == 0 ? key : path + "." + key;
            if (!keys.TryGetValue(key, out var methods))
            {
                context.Notes.Add($"{childPath}: not a key the builders know (spec 3.4.0); set as a raw node");
                steps.Add(new RawJsonStep(key, value));
                continue;
            }

            if (value is JsonArray items && methods.Any(m => m.Item is not null))
            {
                steps.AddRange(PlanItems(context, builderType, key, items, methods.Where(m => m.Item is not null).ToList(), childPath, local));
                continue;
            }

            var step = PlanKey(context, builderType, key, value, methods, childPath, local, out var refusal);
            if (step is null)
            {
                context.Notes.Add(refusal is null
                    ? $"{childPath}: the builders would not write this value exactly ({Short(value)}); set as a raw node"
                    : $"{childPath}: kept as a raw node, because the builders refuse it: {refusal}");
                steps.Add(new RawJsonStep(key, value));
                continue;
            }

            steps.AddRange(step);
        }

        return steps;
    }

    /// <summary>
    /// The readable forms of a resource: <c>Local(path)</c> for Butane's local contents, <c>Inline("text")</c> for a
    /// data URL of UTF-8 text, <c>Remote(url, hash)</c> for a verified URL. Null when none applies.
    /// </summary>
    private static (List<ImportStep> Steps, JsonObject Remaining)? SugarSteps(Context context, Type builderType, JsonObject input, Dictionary<JsonObject, string> local)
    {
        if (builderType != typeof(ResourceBuilder) || input["source"] is not JsonValue sourceValue || !sourceValue.TryGetValue<string>(out var source))
        {
            return null;
        }

        var rest = new JsonObject();
        foreach (var (key, value) in input)
        {
            if (key != "source")
            {
                rest[key] = value?.DeepClone();
            }
        }

        List<ImportStep> candidates = [];
        if (local.TryGetValue(input, out var file))
        {
            candidates.Add(new CallStep(typeof(ResourceBuilder).GetMethod(nameof(ResourceBuilder.Local))!, [new LiteralArg(file)]) { Defaults = [false] });
        }

        if (DataUrl.TryDecode(source) is { } bytes && Utf8(bytes) is { } text && !IsGzip(input))
        {
            // A networkd file's text: the typed networkd builders when they write it again (Inline(NetworkdFiles.Network(...).ToText())).
            if (context.NetworkdFiles.TryGetValue(input, out var networkdName))
            {
                if (NetworkdImporter.TryImportFile(networkdName, text, $"{CoreosDsl.Networkd.NetworkdFile.Directory}/{networkdName}", context.Notes, out var why) is { } networkd)
                {
                    candidates.Add(new CallStep(typeof(ResourceBuilder).GetMethod(nameof(ResourceBuilder.Inline), [typeof(string)])!, [new NetworkdTextArg(networkd)]));
                }
                else if (why is not null)
                {
                    context.Notes.Add($"{CoreosDsl.Networkd.NetworkdFile.Directory}/{networkdName}: contents kept as inline text: {why}");
                }
            }

            candidates.Add(new CallStep(typeof(ResourceBuilder).GetMethod(nameof(ResourceBuilder.Inline), [typeof(string)])!, [new LiteralArg(text)]));
        }

        foreach (var candidate in candidates)
        {
            if (Rebuilds(typeof(ResourceBuilder), [candidate], "source", input["source"]))
            {
                return ([candidate], rest);
            }
        }

        if (rest["verification"] is JsonObject { Count: 1 } verification && verification["hash"] is JsonValue hashValue && hashValue.TryGetValue<string>(out var hash)
            && Uri.TryCreate(source, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            var remote = new CallStep(typeof(ResourceBuilder).GetMethod(nameof(ResourceBuilder.Remote))!, [new LiteralArg(url), new LiteralArg(hash)]);
            var expected = new JsonObject { ["source"] = source, ["verification"] = verification.DeepClone() };
            if (RebuildsObject(typeof(ResourceBuilder), [remote], expected))
            {
                rest.Remove("verification");
                return ([remote], rest);
            }
        }

        return null;
    }

    private static bool IsGzip(JsonObject resource) =>
        resource["compression"] is JsonValue c && c.TryGetValue<string>(out var compression) && compression.Length > 0;

    private static string? Utf8(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>One step per item of a list: the keyed call (<c>s.File(path, f => ...)</c>) or the plain one (<c>d.Partition(p => ...)</c>).</summary>
    private static IEnumerable<ImportStep> PlanItems(Context context, Type builderType, string key, JsonArray items, List<BuilderMethod> methods, string path, Dictionary<JsonObject, string> local)
    {
        for (var index = 0; index < items.Count; index++)
        {
            var itemPath = $"{path}[{index}]";
            ImportStep? chosen = null;
            string? refusal = null;
            if (items[index] is JsonObject item)
            {
                foreach (var method in methods.OrderBy(m => m.ItemKey is null ? 1 : 0).ThenBy(m => m.Method.GetParameters()[0].ParameterType == typeof(string) ? 0 : 1))
                {
                    var itemType = method.Method.GetParameters()[^1].ParameterType.GetGenericArguments()[0];
                    var rest = new JsonObject();
                    foreach (var (k, value) in item)
                    {
                        if (k != method.ItemKey)
                        {
                            rest[k] = value?.DeepClone();
                        }
                    }

                    var restLocal = MapLocal(local, item, rest);
                    foreach (var (copy, name) in MapLocal(context.NetworkdFiles, item, rest))
                    {
                        context.NetworkdFiles[copy] = name; // the networkd files' contents, found again in the copy
                    }

                    ImportStep step;
                    if (method.ItemKey is { } itemKey)
                    {
                        if (item[itemKey] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id))
                        {
                            continue;
                        }

                        var idArg = method.Method.GetParameters()[0].ParameterType == typeof(Uri)
                            ? Uri.TryCreate(id, UriKind.Absolute, out var uri) ? new LiteralArg(uri) : null
                            : new LiteralArg(id);
                        if (idArg is null)
                        {
                            continue;
                        }

                        var notesBefore = context.Notes.Count;
                        step = new CallStep(method.Method, [idArg, new LambdaArg(Hint(method.Method.Name), PlanObject(context, itemType, rest, $"{path}[{Describe(id)}]", restLocal))]);
                        if (!RebuildsItem(builderType, step, key, item, out refusal))
                        {
                            context.Notes.RemoveRange(notesBefore, context.Notes.Count - notesBefore);
                            continue;
                        }
                    }
                    else
                    {
                        var notesBefore = context.Notes.Count;
                        step = new CallStep(method.Method, [new LambdaArg(Hint(method.Method.Name), PlanObject(context, itemType, rest, itemPath, restLocal))]);
                        if (!RebuildsItem(builderType, step, key, item, out refusal))
                        {
                            context.Notes.RemoveRange(notesBefore, context.Notes.Count - notesBefore);
                            continue;
                        }
                    }

                    chosen = step;
                    break;
                }
            }

            if (chosen is null)
            {
                context.Notes.Add(refusal is null
                    ? $"{itemPath}: the builders would not write this item exactly; added as a raw node"
                    : $"{itemPath}: added as a raw node, because the builders refuse it: {refusal}");
                chosen = new RawJsonStep(key, items[index], Append: true);
            }

            yield return chosen;
        }
    }

    /// <summary>The builder call that rebuilds <c>key: value</c> exactly, or null with the builders' refusal when one threw.</summary>
    private static List<ImportStep>? PlanKey(Context context, Type builderType, string key, JsonNode? value, IReadOnlyList<BuilderMethod> methods, string path, Dictionary<JsonObject, string> local, out string? refusal)
    {
        refusal = null;
        foreach (var method in methods.Where(m => m.Item is null).OrderBy(m => Preference(m.Method)))
        {
            foreach (var candidate in Candidates(context, method.Method, value, path, local))
            {
                if (Rebuilds(builderType, [candidate], key, value, out var problem))
                {
                    return [candidate];
                }

                refusal ??= problem;
            }
        }

        return null;
    }

    private static int Preference(MethodInfo method) => method.GetParameters() switch
    {
        [{ ParameterType: var t }, ..] when t == typeof(string) => 0,
        [{ ParameterType.IsEnum: true }, ..] => 1,
        [{ ParameterType: var t }, ..] when t == typeof(bool) || t == typeof(long) => 2,
        [{ ParameterType: var t }] when t == typeof(string[]) => 3,
        [{ ParameterType: var t }] when t == typeof(Uri) => 4,
        [{ ParameterType.IsGenericType: true }] => 5,
        _ => 9,
    };

    /// <summary>Candidate calls of <paramref name="method"/> that might set <paramref name="value"/>.</summary>
    private static IEnumerable<CallStep> Candidates(Context context, MethodInfo method, JsonNode? value, string path, Dictionary<JsonObject, string> local)
    {
        var parameters = method.GetParameters();
        var defaults = parameters.Skip(1).Where(p => p.HasDefaultValue).Select(p => p.DefaultValue).ToList();
        if (parameters.Length == 0 || parameters.Skip(1).Any(p => !p.HasDefaultValue))
        {
            yield break;
        }

        var type = parameters[0].ParameterType;
        switch (value)
        {
            case JsonValue scalar when scalar.TryGetValue<string>(out var text):
                if (type == typeof(string))
                {
                    yield return new CallStep(method, [new LiteralArg(text)]) { Defaults = defaults };
                }
                else if (type.IsEnum)
                {
                    foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
                    {
                        yield return new CallStep(method, [new LiteralArg(field.GetValue(null)!)]) { Defaults = defaults };
                    }
                }
                else if (type == typeof(Uri) && Uri.TryCreate(text, UriKind.Absolute, out var uri))
                {
                    yield return new CallStep(method, [new LiteralArg(uri)]) { Defaults = defaults };
                }

                break;
            case JsonValue scalar when scalar.TryGetValue<bool>(out var flag) && type == typeof(bool):
                // Enabled(), Mask(), Overwrite(): the default of the parameter is true.
                yield return parameters[0].HasDefaultValue && Equals(parameters[0].DefaultValue, flag)
                    ? new CallStep(method, []) { Defaults = [flag, .. defaults] }
                    : new CallStep(method, [new LiteralArg(flag)]) { Defaults = defaults };
                break;
            case JsonValue scalar when scalar.TryGetValue<long>(out var number):
                if (type == typeof(long))
                {
                    yield return new CallStep(method, [new LiteralArg(number)]) { Defaults = defaults };
                }
                else if (type == typeof(string) && number is >= 0 and <= 4095)
                {
                    // A mode: octal digits, as people write it (420 is 0644).
                    yield return new CallStep(method, [new LiteralArg("0" + Convert.ToString(number, 8).PadLeft(3, '0'))]) { Defaults = defaults };
                }

                break;
            case JsonArray list when type == typeof(string[]) && list.Count > 0
                && list.All(i => i is JsonValue s && s.TryGetValue<string>(out _)):
                yield return new CallStep(method, [new ParamsArg(list.Select(i => (object)i!.GetValue<string>()).ToList())]);
                break;
            case JsonObject child when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Action<>) && parameters.Length == 1:
                var notesBefore = context.Notes.Count;
                var body = PlanObject(context, type.GetGenericArguments()[0], child, path, local);
                yield return new CallStep(method, [new LambdaArg(Hint(method.Name), body)]);
                // A rejected candidate's notes are not the user's concern.
                if (context.Notes.Count > notesBefore)
                {
                    context.Notes.RemoveRange(notesBefore, context.Notes.Count - notesBefore);
                }

                break;
        }
    }

    /// <summary>True when the steps, on a fresh builder, set exactly <c>key: value</c> and nothing else.</summary>
    private static bool Rebuilds(Type builderType, List<ImportStep> steps, string key, JsonNode? value) => Rebuilds(builderType, steps, key, value, out _);

    private static bool Rebuilds(Type builderType, List<ImportStep> steps, string key, JsonNode? value, out string? problem) =>
        RebuildsObject(builderType, steps, new JsonObject { [key] = value?.DeepClone() }, out problem);

    private static bool RebuildsObject(Type builderType, List<ImportStep> steps, JsonObject expected) => RebuildsObject(builderType, steps, expected, out _);

    private static bool RebuildsObject(Type builderType, List<ImportStep> steps, JsonObject expected, out string? problem)
    {
        problem = null;
        try
        {
            var builder = IgnitionBuilderCatalog.Create(builderType);
            foreach (var step in steps)
            {
                step.Apply(builder);
            }

            return IgnitionJson.Canonical(IgnitionBuilderCatalog.NodeOf(builder)) == IgnitionJson.Canonical(expected);
        }
        catch (Exception e) when (IsBuilderRefusal(e))
        {
            problem = e.Message;
            return false;
        }
    }

    /// <summary>True when the step, on a fresh builder, appends exactly <paramref name="item"/> to the list under <paramref name="key"/>.</summary>
    private static bool RebuildsItem(Type builderType, ImportStep step, string key, JsonObject item, out string? problem) =>
        RebuildsObject(builderType, [step], new JsonObject { [key] = new JsonArray(item.DeepClone()) }, out problem);

    private static bool IsBuilderRefusal(Exception e) => e is ArgumentException or FormatException or InvalidOperationException
        or OverflowException or InvalidCastException or UriFormatException or IOException or UnauthorizedAccessException;

    private static string Hint(string methodName) => methodName switch
    {
        "Storage" => "s",
        "Systemd" => "d",
        "Passwd" => "p",
        "KernelArguments" => "k",
        _ => char.ToLowerInvariant(methodName[0]) + methodName[1..],
    };

    private static string Describe(string id) => id;

    private static string Short(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..57] + "..." : text;
    }
}

/// <summary>A builder method and, for one that adds a list item, the list and the item's identifying key.</summary>
/// <param name="Method">The method.</param>
/// <param name="Item">For an item-adding method: the list key it appends to; null otherwise.</param>
/// <param name="ItemKey">For a keyed item method (<c>File(path, ...)</c>): the key its first argument sets.</param>
internal sealed record BuilderMethod(MethodInfo Method, string? Item, string? ItemKey);

/// <summary>
/// Which key each method of the generated Ignition builders sets, found by calling it once on a scratch builder with
/// sample arguments (not by guessing from names).
/// </summary>
internal sealed class IgnitionBuilderCatalog
{
    private readonly Dictionary<Type, IReadOnlyDictionary<string, IReadOnlyList<BuilderMethod>>> keysByType = [];

    /// <summary>A fresh builder over a new object.</summary>
    public static object Create(Type type) =>
        type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(JsonObject)]) is { } constructor
            ? constructor.Invoke([new JsonObject()])
            : Activator.CreateInstance(type) ?? throw new InvalidOperationException($"cannot create a {type.Name}");

    /// <summary>The object a builder writes into.</summary>
    public static JsonObject NodeOf(object builder) => (JsonObject)builder.GetType().GetProperty("Node")!.GetValue(builder)!;

    /// <summary>Each key a builder can set and the methods that set it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BuilderMethod>> KeysOf(Type builderType)
    {
        if (keysByType.TryGetValue(builderType, out var known))
        {
            return known;
        }

        var keys = new Dictionary<string, List<BuilderMethod>>(StringComparer.Ordinal);
        foreach (var method in builderType.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly))
        {
            if (method.ReturnType != builderType || method.IsSpecialName || method.Name is "Inline" or "Local" or "Remote" or "Owner")
            {
                continue;
            }

            if (Probe(builderType, method) is { } found)
            {
                if (!keys.TryGetValue(found.Key, out var list))
                {
                    keys[found.Key] = list = [];
                }

                list.Add(found.Method);
            }
        }

        var result = keys.ToDictionary(k => k.Key, k => (IReadOnlyList<BuilderMethod>)k.Value, StringComparer.Ordinal);
        keysByType[builderType] = result;
        return result;
    }

    private static (string Key, BuilderMethod Method)? Probe(Type builderType, MethodInfo method)
    {
        foreach (var arguments in BuilderProbe.SampleArguments(method, ["/x", "x.service", "x.conf", "http://x.example/", "0644", "x", "3.3.0", "sha512-" + new string('0', 128)], everyString: true))
        {
            try
            {
                var builder = Create(builderType);
                CallStep.Invoke(method, builder, arguments);
                if (NodeOf(builder) is { Count: 1 } node)
                {
                    var (key, value) = node.First();
                    var added = value is JsonArray { Count: 1 } list && method.GetParameters()[^1].ParameterType.IsGenericType ? list[0] as JsonObject : null;
                    var adds = added is not null;
                    var itemKey = added is { Count: 1 } && method.GetParameters().Length == 2 ? added.First().Key : null;
                    return (key, new BuilderMethod(method, adds ? key : null, itemKey));
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException or UriFormatException)
            {
                // This sample does not fit the method's checks; try the next one.
            }
        }

        return null;
    }
}

/// <summary>JSON comparisons for imports: the text of a tree with every object's keys sorted.</summary>
internal static class IgnitionJson
{
    /// <summary>The canonical text of <paramref name="node"/>: keys sorted (ordinal), no white space.</summary>
    public static string Canonical(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    text.Append(JsonValue.Create(key).ToJsonString());
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                text.Append(JsonValue.Create(s).ToJsonString());
                break;
            case JsonValue value when value.TryGetValue<bool>(out var b):
                text.Append(b ? "true" : "false");
                break;
            case JsonValue value when value.TryGetValue<long>(out var l):
                text.Append(l.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}
