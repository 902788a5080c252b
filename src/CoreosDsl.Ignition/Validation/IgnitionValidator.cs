using System.Text;
using CoreosDsl.Ignition.Schema;
using CoreosDsl.Systemd;

namespace CoreosDsl.Ignition.Validation;

/// <summary>
/// Validates an Ignition config the way <c>ignition-validate</c> 2.14 does (the Ignition of Debian 12 and of today's
/// Flatcar), and spec 3.4.0 the way Ignition 2.15 and later do: the JSON, the spec version, values of the wrong type, then every rule of the spec version's types
/// (paths, duplicates, links, units and drop-ins, URLs and data URLs, hashes, compression, modes, disks, partitions,
/// filesystems, LUKS, RAID) and unused keys, with its severities and messages, each located by line and column and
/// given a fix.
/// </summary>
public static class IgnitionValidator
{
    /// <summary>Validates the config in <paramref name="json"/> (bytes as read from the file).</summary>
    /// <param name="json">The file's bytes.</param>
    /// <returns>The report.</returns>
    public static IgnitionValidationReport Validate(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var text = new UTF8Encoding(false, false).GetString(json);
        var source = JsonSource.Read(json);
        var entries = new List<IgnitionValidationEntry>();
        var units = new List<IgnitionUnitText>();
        var files = new List<IgnitionFileText>();
        var version = Check(source, entries, units, files);
        return new IgnitionValidationReport(text, version, entries, units, files);
    }

    /// <summary>Validates the config text <paramref name="json"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The report.</returns>
    public static IgnitionValidationReport Validate(string json) => Validate(Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))));

    /// <summary>Whether <paramref name="data"/> looks like an Ignition config (JSON, after whitespace, starting with <c>{</c>).</summary>
    /// <param name="data">The start of a file.</param>
    /// <returns>True for JSON objects.</returns>
    public static bool LooksLikeIgnition(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            data = data[3..];
        }

        foreach (var b in data)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == '{';
        }

        return false;
    }

    private static string? Check(JsonSource source, List<IgnitionValidationEntry> entries, List<IgnitionUnitText> units, List<IgnitionFileText> files)
    {
        var emit = new EntrySink(source, entries);
        if (source.Bytes.Length == 0)
        {
            emit.AtOffset(IgnitionSeverity.Error, "empty", "$", 0, "not a config (empty)", "write a JSON object such as {\"ignition\": {\"version\": \"3.3.0\"}}");
            return null;
        }

        if (source.Root is not { } root)
        {
            var bom = source.Bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
            emit.AtOffset(IgnitionSeverity.Error, "json", "$", source.ErrorOffset, source.SyntaxError!,
                bom ? "the file starts with a UTF-8 byte order mark, which Ignition does not skip: save it without one" : "fix the JSON syntax (no comments, no trailing commas)");
            return null;
        }

        // Ignition first reads only ignition.version, to choose the spec's types.
        if (VersionStub(root, emit) is not { } declared)
        {
            return null;
        }

        var version = IgnitionSpecVersions.Resolve(declared.Text ?? "");
        if (version is null)
        {
            emit.At(IgnitionSeverity.Error, "version", declared, "invalid config version (couldn't parse)",
                $"set ignition.version to one of {IgnitionSpecVersions.SupportedText} (3.3.0 is what Butane's flatcar variant writes)");
            return null;
        }

        if (version.Length == 0)
        {
            emit.At(IgnitionSeverity.Error, "version", declared, "unsupported config version",
                $"this validator reads {IgnitionSpecVersions.SupportedText}; write 3.3.0 (Butane flatcar 1.0.0; Ignition 2.14 reads 3.4.0 only as 3.4.0-experimental) or 3.4.0 (flatcar 1.1.0, Ignition 2.15 and later)");
            return null;
        }

        var decoder = new IgnitionDecoder(version);
        ConfigNode config;
        try
        {
            config = decoder.DecodeRoot(root);
        }
        catch (IgnitionTypeException e)
        {
            emit.AtOffset(IgnitionSeverity.Error, "type", e.Path, e.Value.Offset, e.Message, "write the value as the spec's type (a string in quotes, a number without quotes, true/false, an object or a list)", e.Value.Length);
            return version;
        }

        IgnitionConfigRules.Run(config, version, emit);
        CheckUnusedKeys(root, "", "$", decoder, version, emit);
        foreach (var unit in config.Obj("systemd").List("units"))
        {
            var dropIns = unit.List("dropins").Select(d => new IgnitionDropInText(d.Str("name") ?? "", d.Str("contents"), emit.Locate(d, "contents"))).ToList();
            units.Add(new IgnitionUnitText(unit.Str("name") ?? "", unit.Has("enabled") ? unit.IsTrue("enabled") : null, unit.IsTrue("mask"),
                unit.Str("contents"), emit.Locate(unit, "contents"), dropIns));
        }

        foreach (var file in config.Obj("storage").List("files"))
        {
            var contents = file.Obj("contents");
            if (file.Str("path") is { } path && !contents.NotEmpty("compression") && contents.Str("source") is { } url
                && DataUrl.TryDecode(url) is { } data && Utf8(data) is { } text)
            {
                files.Add(new IgnitionFileText(path, text, emit.Locate(contents, "source")));
            }
        }

        return version;
    }

    private static string? Utf8(byte[] data)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // The decoding of util.versionStub: only "ignition" and its "version" have types to match.
    private static ConfigNode? VersionStub(JsonValue root, EntrySink emit)
    {
        if (root.Kind == JsonKind.Null)
        {
            return new ConfigNode("$.ignition.version", root) { Text = "" }; // null decodes into nothing: no version
        }

        if (root.Kind != JsonKind.Object)
        {
            emit.AtOffset(IgnitionSeverity.Error, "type", "$", root.Offset, $"json: cannot unmarshal {root.GoKindName} into Go value of type util.versionStub", "an Ignition config is a JSON object");
            return null;
        }

        JsonValue? version = null;
        foreach (var ignition in Matching(root, "ignition"))
        {
            if (ignition.Kind == JsonKind.Null)
            {
                continue;
            }

            if (ignition.Kind != JsonKind.Object)
            {
                emit.AtOffset(IgnitionSeverity.Error, "type", "$.ignition", ignition.Offset, $"json: cannot unmarshal {ignition.GoKindName} into Go struct field versionStub.ignition of type struct", "ignition is an object: {\"version\": \"3.3.0\"}");
                return null;
            }

            foreach (var v in Matching(ignition, "version"))
            {
                if (v.Kind is not (JsonKind.String or JsonKind.Null))
                {
                    emit.AtOffset(IgnitionSeverity.Error, "type", "$.ignition.version", v.Offset, $"json: cannot unmarshal {v.GoKindName} into Go struct field .ignition.version of type string", "write the version as a string: \"3.3.0\"", v.Length);
                    return null;
                }

                version = v.Kind == JsonKind.Null ? version : v;
            }
        }

        return new ConfigNode("$.ignition.version", version ?? root) { Text = version?.Text ?? "" };
    }

    // Every member Go decodes into the field: the exact name or a case-folded one, in document order (the last wins).
    private static IEnumerable<JsonValue> Matching(JsonValue obj, string name) =>
        obj.Members.Where(m => m.Key == name || IgnitionDecoder.FoldEquals(m.Key, name)).Select(m => m.Value);

    /// <summary>
    /// Unused keys: in every object the spec has a struct for, each key that is not exactly one of its fields (a key
    /// in another case is still read, but reported); where the JSON has no object for such a struct, the warning
    /// ignition-validate gives then.
    /// </summary>
    private static void CheckUnusedKeys(JsonValue value, string schemaPath, string path, IgnitionDecoder decoder, string version, EntrySink emit)
    {
        if (value.Kind != JsonKind.Object)
        {
            emit.AtOffset(IgnitionSeverity.Warning, "unused-key", path, value.Offset,
                $"context tree does not match content tree at {path}. Line and column reporting may be inconsistent. Unused keys may not be reported.",
                "write an object here, or leave the key out", value.Length);
            return;
        }

        // ignition-validate looks keys up in a map of the JSON, where a repeated key keeps its last value.
        var known = decoder.ChildrenOf(schemaPath);
        foreach (var member in value.Members.Where((m, i) => !value.Members.Skip(i + 1).Any(later => later.Key == m.Key)))
        {
            var key = known.FirstOrDefault(k => k.Name == member.Key);
            if (key is null)
            {
                emit.AtOffset(IgnitionSeverity.Warning, "unused-key", $"{path}.{member.Key}", member.KeyOffset, $"Unused key {member.Key}",
                    UnusedKeyFix(member.Key, schemaPath, known, version), Encoding.UTF8.GetByteCount(member.Key) + 2);
                continue;
            }

            var childPath = $"{path}.{key.Name}";
            if (key.Type == IgnitionValueType.Object)
            {
                CheckUnusedKeys(member.Value, key.Path, childPath, decoder, version, emit);
            }
            else if (key.Type == IgnitionValueType.ObjectList && member.Value.Kind == JsonKind.Array)
            {
                for (var i = 0; i < member.Value.Items.Count; i++)
                {
                    CheckUnusedKeys(member.Value.Items[i], key.Path + "[]", $"{childPath}.{i}", decoder, version, emit);
                }
            }
        }
    }

    private static string UnusedKeyFix(string name, string schemaPath, IReadOnlyList<IgnitionKey> known, string version)
    {
        var full = schemaPath.Length == 0 ? name : $"{schemaPath}.{name}";
        if (IgnitionSchema.Find(full) is not null && IgnitionSpecVersions.Since(full) is { } since)
        {
            return $"{name} needs spec version {since} or later, and this config is {version}: raise ignition.version";
        }

        var folded = known.FirstOrDefault(k => IgnitionDecoder.FoldEquals(name, k.Name));
        if (folded is not null)
        {
            return $"keys are case-sensitive: write \"{folded.Name}\" (Ignition reads this one, but ignition-validate warns)";
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var k in known)
        {
            var d = EditDistance.Between(name, k.Name);
            if (d < bestDistance)
            {
                (best, bestDistance) = (k.Name, d);
            }
        }

        var where = schemaPath.Length == 0 ? "the top level" : schemaPath;
        return best is not null && bestDistance <= Math.Max(1, name.Length / 3)
            ? $"did you mean \"{best}\"? (Ignition ignores unknown keys)"
            : $"Ignition ignores it; {where} has: {string.Join(", ", known.Select(k => k.Name))}";
    }
}

/// <summary>Collects entries, locating each by the JSON it points at.</summary>
internal sealed class EntrySink(JsonSource source, List<IgnitionValidationEntry> entries)
{
    public IReadOnlyList<IgnitionValidationEntry> Entries => entries;

    /// <summary>An entry at a node, or at its field <paramref name="child"/> (at the node itself when the field is not written).</summary>
    public void At(IgnitionSeverity severity, string rule, ConfigNode node, string message, string? fix = null, string? child = null)
    {
        var path = child is null ? node.Path : $"{node.Path}.{child}";
        var json = child is not null && node.Fields.TryGetValue(child, out var field) && field.Json is not null ? field.Json : node.Json;
        AtOffset(severity, rule, path, json?.Offset ?? 0, message, fix, json?.Length ?? 1);
    }

    /// <summary>Where the field <paramref name="child"/> of <paramref name="node"/> is (the node when the field is not written).</summary>
    public IgnitionLocation Locate(ConfigNode node, string child)
    {
        var json = node.Fields.TryGetValue(child, out var field) && field.Json is not null ? field.Json : node.Json;
        var (line, column) = source.Position(json?.Offset ?? 0);
        return new IgnitionLocation(json == node.Json ? node.Path : $"{node.Path}.{child}", line, column, json?.Length ?? 1);
    }

    public void AtOffset(IgnitionSeverity severity, string rule, string path, int offset, string message, string? fix, int length = 1)
    {
        var (line, column) = source.Position(offset);
        entries.Add(new IgnitionValidationEntry(severity, rule, path, line, column, message) { Fix = fix, Length = Math.Max(1, length) });
    }
}
