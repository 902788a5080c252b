using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Ignition;
using CoreosDsl.Ignition.Schema;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Systemd;

namespace CoreosDsl.Host;

/// <summary>A Butane config translated to Ignition.</summary>
/// <param name="Config">
/// The Ignition config Butane writes for it, except that contents are never gzip-compressed (Butane compresses
/// inline and local contents when that is shorter; the bytes on disk are the same) and carry no <c>compression: ""</c>.
/// </param>
/// <param name="LocalFiles">The resources whose contents came from a local file, and that file (as a path the definition can read).</param>
/// <param name="Notes">What the user should review, including what Butane would warn about.</param>
/// <param name="Warnings">The notes Butane prints as warnings (an unused key, a mode that looks decimal), which <c>butane --strict</c> fails on.</param>
internal sealed record ButaneTranslation(JsonObject Config, IReadOnlyDictionary<JsonObject, string> LocalFiles, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings);

/// <summary>A Butane config that cannot be translated: the message names the key and the fix.</summary>
internal sealed class ButaneException(string message) : Exception(message);

/// <summary>
/// Butane's <c>flatcar</c> variant 1.0.0 (Ignition spec 3.3.0) and 1.1.0 (spec 3.4.0): its keys are the spec's in
/// snake_case, plus the sugar this translates the way Butane 0.x does (rules taken from Butane's documented flatcar
/// v1.0.0 and v1.1.0 specs and checked against Butane 0.19.0's output on tests/TestData/ignition-import):
/// <c>contents.inline</c> and <c>contents.local</c> (also for <c>append</c>, <c>key_file</c>, merged configs and
/// certificate authorities) become data URLs; <c>storage.trees</c> become files (mode 0755 when executable, else 0644)
/// and links; <c>with_mount_unit</c> adds an enabled <c>.mount</c> (or <c>.swap</c>) unit; modes are YAML integers,
/// octal when written <c>0644</c> or <c>0o644</c>. 1.1.0 adds spec 3.4.0's keys (LUKS <c>discard</c> and
/// <c>open_options</c>), <c>contents_local</c> for units and drop-ins (the file's text as the contents), and
/// <c>ssh_authorized_keys_local</c> (one key per non-empty line of each file, after the inline keys). Clevis is
/// refused, as the flatcar variant does.
/// </summary>
internal static class ButaneImport
{
    /// <summary>The flatcar variant versions read, each with the Ignition spec it writes.</summary>
    private static readonly Dictionary<string, string> Versions = new(StringComparer.Ordinal) { ["1.0.0"] = "3.3.0", ["1.1.0"] = "3.4.0" };

    /// <summary>True for a Butane config: named <c>.bu</c>, or YAML whose first key is <c>variant</c> or <c>version</c> beside a <c>variant</c> key.</summary>
    public static bool IsButane(string path, string text)
    {
        if (Path.GetExtension(path) == ".bu")
        {
            return true;
        }

        return !text.TrimStart().StartsWith("#cloud-config", StringComparison.Ordinal)
            && text.Split('\n').Any(line => line.StartsWith("variant:", StringComparison.Ordinal));
    }

    /// <summary>Translates <paramref name="yaml"/>; local files are read relative to <paramref name="filesDir"/>.</summary>
    /// <exception cref="ButaneException">Not a flatcar 1.0.0 config, or one Butane would refuse.</exception>
    public static ButaneTranslation Translate(string yaml, string filesDir)
    {
        ConfigMapping input;
        try
        {
            input = CloudConfigYaml.Read(yaml, CloudConfigDialect.Flatcar); // gopkg.in/yaml.v3's scalars, as Butane reads them
        }
        catch (YamlSyntaxException e)
        {
            throw new ButaneException($" {e.Message}");
        }

        var variant = (input.TryGet("variant", out var v) ? v as ConfigScalar : null)?.Value;
        var version = (input.TryGet("version", out var ver) ? ver as ConfigScalar : null)?.Value;
        if (variant != "flatcar" || version is null || !Versions.TryGetValue(version, out var spec))
        {
            throw new ButaneException($" variant: {variant ?? "(none)"}, version: {version ?? "(none)"}: import reads Butane's flatcar variant 1.0.0 " +
                "(Ignition spec 3.3.0) and 1.1.0 (spec 3.4.0); set variant: flatcar and one of those versions, or translate it with Butane and import the .ign file");
        }

        var state = new State(filesDir, version, spec);
        var root = new JsonObject { ["ignition"] = new JsonObject { ["version"] = spec } };
        foreach (var (key, value) in input)
        {
            if (key is "variant" or "version")
            {
                continue;
            }

            var camel = Camel(key);
            if (state.Find(camel) is not { } schemaKey)
            {
                state.Warn($"{key}: not a key of Butane's flatcar {version} spec; Butane ignores it with a warning (Unused key {key})");
                continue;
            }

            if (Translate(state, value, schemaKey, key) is { } translated)
            {
                if (camel == "ignition" && translated is JsonObject ignition)
                {
                    foreach (var (k, child) in ignition.ToList())
                    {
                        ignition.Remove(k);
                        ((JsonObject)root["ignition"]!)[k] = child;
                    }
                }
                else
                {
                    root[camel] = translated;
                }
            }
        }

        WarnDecimalModes(state, root);
        AddMountUnits(state, input, root);
        AddTrees(state, input, root);
        var report = IgnitionValidator.Validate(root.ToJsonString());
        if (report.HasErrors)
        {
            throw new ButaneException($" Butane would refuse it: the config it translates to is invalid:\n{report.Render("translated.ign").TrimEnd('\n')}");
        }

        return new ButaneTranslation(root, state.LocalFiles, state.Notes, state.Warnings);
    }

    private sealed class State(string filesDir, string variantVersion, string spec)
    {
        public string FilesDir { get; } = filesDir;

        /// <summary>The flatcar variant version (1.0.0, 1.1.0).</summary>
        public string VariantVersion { get; } = variantVersion;

        /// <summary>Whether the variant has 1.1.0's local sources for units, drop-ins and SSH keys.</summary>
        public bool HasLocalSources => spec != "3.3.0";

        /// <summary>The spec key at <paramref name="path"/>, when the variant's spec has it.</summary>
        public IgnitionKey? Find(string path) =>
            IgnitionSchema.Find(path) is { } key && IgnitionSpecVersions.Has(key.Path, spec) ? key : null;

        public Dictionary<JsonObject, string> LocalFiles { get; } = new(ReferenceEqualityComparer.Instance);

        public List<string> Notes { get; } = [];

        public List<string> Warnings { get; } = [];

        /// <summary>A note Butane prints as a warning.</summary>
        public void Warn(string note)
        {
            Notes.Add(note);
            Warnings.Add(note);
        }
    }

    /// <summary>The JSON of one Butane value at a schema key (null when Butane would leave it out: empty objects and lists, null).</summary>
    private static JsonNode? Translate(State state, ConfigNode node, IgnitionKey key, string where)
    {
        if (node is ConfigScalar { Kind: ScalarKind.Null })
        {
            return null;
        }

        switch (key.Type)
        {
            case IgnitionValueType.String:
                return node is ConfigScalar s ? JsonValue.Create(s.Value) : throw Wrong(where, "a string", node);
            case IgnitionValueType.Int:
                return node is ConfigScalar { Kind: ScalarKind.Int or ScalarKind.Float } i && (GoInt(i.Value) ?? GoFloatToInt(i.Value)) is { } number
                    ? JsonValue.Create(number)
                    : throw Wrong(where, key.Path.EndsWith(".mode", StringComparison.Ordinal) ? "an integer (a mode in octal: 0644)" : "an integer", node);
            case IgnitionValueType.Bool:
                return GoBool(node) is { } flag ? JsonValue.Create(flag) : throw Wrong(where, "true or false (or yes/no, on/off, y/n)", node);
            case IgnitionValueType.StringList:
                if (node is not ConfigSequence strings)
                {
                    throw Wrong(where, "a list of strings", node);
                }

                var array = new JsonArray();
                for (var n = 0; n < strings.Count; n++)
                {
                    array.Add(strings[n] is ConfigScalar item ? JsonValue.Create(item.Value) : throw Wrong($"{where}[{n}]", "a string", strings[n]));
                }

                return array.Count == 0 ? null : array;
            case IgnitionValueType.Object:
                return node is ConfigMapping mapping ? TranslateObject(state, mapping, key.Path, where) : throw Wrong(where, "a mapping", node);
            default:
                if (node is not ConfigSequence items)
                {
                    throw Wrong(where, "a list", node);
                }

                var objects = new JsonArray();
                for (var n = 0; n < items.Count; n++)
                {
                    if (items[n] is not ConfigMapping itemMapping)
                    {
                        throw Wrong($"{where}[{n}]", "a mapping", items[n]);
                    }

                    objects.Add(TranslateObject(state, itemMapping, key.Path + "[]", $"{where}[{n}]") ?? new JsonObject());
                }

                return objects.Count == 0 ? null : objects;
        }
    }

    /// <summary>An object: its keys translated, the Butane-only ones applied; null when nothing is left.</summary>
    private static JsonObject? TranslateObject(State state, ConfigMapping mapping, string path, string where)
    {
        var result = new JsonObject();
        var isResource = IgnitionSchema.Find(path + ".verification") is not null && IgnitionSchema.Find(path + ".compression") is not null;
        string? inline = null;
        string? local = null;
        ConfigNode? contentsLocal = null;
        ConfigNode? keysLocal = null;
        foreach (var (key, value) in mapping)
        {
            var childWhere = $"{where}.{key}";
            if (isResource && key is "inline" or "local")
            {
                var text = value is ConfigScalar { Kind: not ScalarKind.Null } s ? s.Value : null;
                if (key == "inline")
                {
                    inline = text;
                }
                else
                {
                    local = text;
                }

                continue;
            }

            if (path == "storage.filesystems[]" && key == "with_mount_unit" || path == "storage" && key == "trees")
            {
                continue; // applied after the whole config (AddMountUnits, AddTrees)
            }

            if (path == "storage.luks[]" && key == "clevis" && value is ConfigMapping { Count: > 0 })
            {
                throw new ButaneException($" {childWhere}: clevis is not supported by Butane's flatcar variant (Flatcar cannot unlock with it); " +
                    "use key_file, or write the config as Ignition JSON");
            }

            if (state.HasLocalSources && key == "contents_local" && path is "systemd.units[]" or "systemd.units[].dropins[]")
            {
                contentsLocal = value;
                continue;
            }

            if (state.HasLocalSources && key == "ssh_authorized_keys_local" && path == "passwd.users[]")
            {
                keysLocal = value;
                continue;
            }

            if (state.Find(path + "." + Camel(key)) is not { } schemaKey)
            {
                state.Warn($"{childWhere}: not a key of Butane's flatcar {state.VariantVersion} spec; Butane ignores it with a warning (Unused key {key})");
                continue;
            }

            if (Translate(state, value, schemaKey, childWhere) is { } translated)
            {
                result[schemaKey.Name] = translated;
            }
        }

        var sources = (inline is null ? 0 : 1) + (local is null ? 0 : 1) + (result["source"] is null ? 0 : 1);
        if (sources > 1)
        {
            throw new ButaneException($" {where}: give one of source, inline and local; Butane refuses more than one (too many resource sources)");
        }

        if (contentsLocal is not null)
        {
            ContentsLocal(state, mapping, contentsLocal, result, where);
        }

        if (keysLocal is not null)
        {
            KeysLocal(state, keysLocal, result, where);
        }

        if (inline is not null)
        {
            result["source"] = DataUrl.FromBytes(Encoding.UTF8.GetBytes(inline));
        }
        else if (local is not null)
        {
            var file = LocalPath(state, local, $"{where}.local");
            result["source"] = DataUrl.FromBytes(File.ReadAllBytes(file));
            state.LocalFiles[result] = file;
        }

        return result.Count == 0 ? null : result;
    }

    /// <summary>
    /// flatcar 1.1.0's <c>contents_local</c> of a unit or drop-in: the file's text becomes <c>contents</c> (Butane
    /// refuses it beside <c>contents</c>, and ignores an empty path).
    /// </summary>
    private static void ContentsLocal(State state, ConfigMapping mapping, ConfigNode value, JsonObject result, string where)
    {
        if (value is ConfigScalar { Kind: ScalarKind.Null })
        {
            return;
        }

        if (value is not ConfigScalar scalar)
        {
            throw Wrong($"{where}.contents_local", "a path (a string)", value);
        }

        if (mapping.TryGet("contents", out var contents) && contents is not ConfigScalar { Kind: ScalarKind.Null })
        {
            throw new ButaneException($" {where}.contents_local: give contents or contents_local, not both; Butane refuses more than one (too many systemd unit sources)");
        }

        if (scalar.Value.Length == 0)
        {
            return;
        }

        var file = LocalPath(state, scalar.Value, $"{where}.contents_local");
        result["contents"] = File.ReadAllText(file);
        state.Notes.Add($"{where}.contents_local: the text of {scalar.Value} is written into the definition (as Butane puts it into the config)");
    }

    /// <summary>
    /// flatcar 1.1.0's <c>ssh_authorized_keys_local</c>: each file's non-empty lines (split at LF or CRLF), in order,
    /// after the inline keys.
    /// </summary>
    private static void KeysLocal(State state, ConfigNode value, JsonObject result, string where)
    {
        if (value is ConfigScalar { Kind: ScalarKind.Null })
        {
            return;
        }

        if (value is not ConfigSequence files)
        {
            throw Wrong($"{where}.ssh_authorized_keys_local", "a list of paths", value);
        }

        var keys = result["sshAuthorizedKeys"] as JsonArray ?? [];
        for (var n = 0; n < files.Count; n++)
        {
            var name = files[n] is ConfigScalar item ? item.Value : throw Wrong($"{where}.ssh_authorized_keys_local[{n}]", "a path (a string)", files[n]);
            var file = LocalPath(state, name, $"{where}.ssh_authorized_keys_local[{n}]");
            var lines = File.ReadAllText(file).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                // Butane splits at \r?\n: a \r is dropped only before a \n.
                var key = i < lines.Length - 1 && lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
                if (key.Length > 0)
                {
                    keys.Add(JsonValue.Create(key));
                }
            }
        }

        if (keys.Count > 0)
        {
            result["sshAuthorizedKeys"] = keys;
            state.Notes.Add($"{where}.ssh_authorized_keys_local: the keys read from the files are written into the definition (as Butane puts them into the config)");
        }
    }

    /// <summary>A file under the files directory, refusing paths that leave it (as Butane does).</summary>
    private static string LocalPath(State state, string local, string where)
    {
        var file = Join(state.FilesDir, local);
        var root = Path.GetFullPath(state.FilesDir);
        var full = Path.GetFullPath(file);
        if (!full.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
        {
            throw new ButaneException($" {where}: {local} is outside the files directory {state.FilesDir}; Butane refuses that; move the file under it");
        }

        if (!File.Exists(full))
        {
            throw new ButaneException($" {where}: {file} does not exist; local paths are relative to the Butane file's directory (Butane's --files-dir)");
        }

        return file;
    }

    /// <summary>
    /// <c>with_mount_unit: true</c>: an enabled unit per filesystem, as Butane renders it, merged under the config's
    /// own units (a unit of the same name refines it, as Ignition merges configs).
    /// </summary>
    private static void AddMountUnits(State state, ConfigMapping input, JsonObject root)
    {
        if (!input.TryGet("storage", out var storage) || storage is not ConfigMapping s || !s.TryGet("filesystems", out var list) || list is not ConfigSequence filesystems)
        {
            return;
        }

        var generated = new List<JsonObject>();
        for (var n = 0; n < filesystems.Count; n++)
        {
            if (filesystems[n] is not ConfigMapping fs || !fs.TryGet("with_mount_unit", out var flag) || GoBool(flag) != true)
            {
                continue;
            }

            var device = Text(fs, "device") ?? "";
            var format = Text(fs, "format");
            var mountPath = Text(fs, "path");
            if (string.IsNullOrEmpty(format))
            {
                throw new ButaneException($" storage.filesystems[{n}].format: with_mount_unit needs the filesystem's format; add format: ext4 (or the one it has)");
            }

            if (format != "swap" && string.IsNullOrEmpty(mountPath))
            {
                throw new ButaneException($" storage.filesystems[{n}].path: with_mount_unit needs the mount point; add path: /var/lib/data (where to mount it)");
            }

            var options = fs.TryGet("mount_options", out var o) && o is ConfigSequence seq ? seq.OfType<ConfigScalar>().Select(x => x.Value).ToList() : [];
            var text = new StringBuilder("# Generated by Butane\n");
            string name;
            if (format == "swap")
            {
                text.Append("[Swap]\nWhat=").Append(device);
                AppendOptions(text, options);
                text.Append("\n\n[Install]\nRequiredBy=swap.target");
                name = UnitName.EscapePath(device) + ".swap";
            }
            else
            {
                var escaped = UnitName.EscapePath(device);
                text.Append("[Unit]\nRequires=systemd-fsck@").Append(escaped).Append(".service\nAfter=systemd-fsck@").Append(escaped).Append(".service\n\n");
                text.Append("[Mount]\nWhere=").Append(mountPath).Append("\nWhat=").Append(device).Append("\nType=").Append(format);
                AppendOptions(text, options);
                text.Append("\n\n[Install]\nRequiredBy=local-fs.target");
                name = UnitName.EscapePath(mountPath!) + ".mount";
            }

            generated.Add(new JsonObject { ["contents"] = text.ToString(), ["enabled"] = true, ["name"] = name });
        }

        if (generated.Count == 0)
        {
            return;
        }

        var systemd = root["systemd"] as JsonObject ?? new JsonObject();
        root["systemd"] = systemd;
        var own = systemd["units"] as JsonArray ?? [];
        var merged = new JsonArray();
        var used = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        foreach (var unit in generated)
        {
            var match = own.OfType<JsonObject>().FirstOrDefault(u => u["name"]?.GetValue<string>() == unit["name"]!.GetValue<string>());
            if (match is not null)
            {
                used.Add(match);
                foreach (var (k, value) in match)
                {
                    unit[k] = value?.DeepClone();
                }
            }

            merged.Add(unit);
        }

        foreach (var unit in own.Where(u => u is not null && !used.Contains(u)))
        {
            merged.Add(unit!.DeepClone());
        }

        systemd["units"] = merged;
        state.Notes.Add($"{string.Join(", ", generated.Select(g => g["name"]!.GetValue<string>()))}: written by Butane's with_mount_unit; imported as the unit text it generates");
    }

    private static void AppendOptions(StringBuilder text, List<string> options)
    {
        if (options.Count > 0)
        {
            text.Append("\nOptions=").Append(string.Join(',', options));
        }
    }

    /// <summary><c>storage.trees</c>: every regular file under the local folder becomes a file (or fills the contents of a listed one), every symbolic link a link.</summary>
    private static void AddTrees(State state, ConfigMapping input, JsonObject root)
    {
        if (!input.TryGet("storage", out var storage) || storage is not ConfigMapping s || !s.TryGet("trees", out var list) || list is not ConfigSequence trees)
        {
            return;
        }

        for (var n = 0; n < trees.Count; n++)
        {
            if (trees[n] is not ConfigMapping tree || Text(tree, "local") is not { Length: > 0 } local)
            {
                throw new ButaneException($" storage.trees[{n}].local: a tree needs the local folder to copy; add local: NAME (relative to the Butane file's directory)");
            }

            var folder = Join(state.FilesDir, local);
            if (!Directory.Exists(folder))
            {
                throw new ButaneException($" storage.trees[{n}].local: {folder} is not a folder; trees copy a local folder");
            }

            var destination = Text(tree, "path") is { Length: > 0 } p ? p : "/";
            var rootStorage = root["storage"] as JsonObject ?? new JsonObject();
            root["storage"] = rootStorage;
            foreach (var entry in Walk(folder))
            {
                var relative = Path.GetRelativePath(folder, entry).Replace('\\', '/');
                var target = destination.TrimEnd('/') + "/" + relative;
                var info = new FileInfo(entry);
                if (info.LinkTarget is { } linkTarget)
                {
                    var links = rootStorage["links"] as JsonArray ?? [];
                    rootStorage["links"] = links;
                    var link = links.OfType<JsonObject>().FirstOrDefault(l => l["path"]?.GetValue<string>() == target);
                    if (link is null)
                    {
                        link = new JsonObject { ["path"] = target };
                        links.Add(link);
                    }

                    link["target"] = linkTarget;
                }
                else
                {
                    var files = rootStorage["files"] as JsonArray ?? [];
                    rootStorage["files"] = files;
                    var file = files.OfType<JsonObject>().FirstOrDefault(f => f["path"]?.GetValue<string>() == target);
                    if (file is null)
                    {
                        file = new JsonObject { ["path"] = target };
                        files.Add(file);
                    }
                    else if (file["contents"]?["source"] is not null)
                    {
                        throw new ButaneException($" storage.trees[{n}]: {target} is also a file with contents; Butane refuses a tree that overwrites it");
                    }

                    var contents = file["contents"] as JsonObject ?? new JsonObject();
                    file["contents"] = contents;
                    contents["source"] = DataUrl.FromBytes(File.ReadAllBytes(entry));
                    state.LocalFiles[contents] = entry;
                    if (file["mode"] is null)
                    {
                        file["mode"] = IsExecutable(entry) ? 493 : 420;
                    }
                }
            }
        }
    }

    /// <summary>Files and symbolic links under <paramref name="folder"/> in lexical order, as Go's filepath.Walk visits them.</summary>
    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(entry);
            if (info.LinkTarget is null && Directory.Exists(entry))
            {
                foreach (var inner in Walk(entry))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return entry;
            }
        }
    }

    /// <summary>A path under the files directory as the definition will read it (no <c>./</c> in front).</summary>
    private static string Join(string filesDir, string local) => filesDir is "" or "." ? local : Path.Combine(filesDir, local);

    /// <summary>Whether any execute bit is set (Windows has none: never).</summary>
    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static string? Text(ConfigMapping mapping, string key) =>
        mapping.TryGet(key, out var node) && node is ConfigScalar { Kind: not ScalarKind.Null } s ? s.Value : null;

    /// <summary>The spec's key for a Butane key: <c>ssh_authorized_keys</c> → <c>sshAuthorizedKeys</c>, <c>size_mib</c> → <c>sizeMiB</c>.</summary>
    public static string Camel(string key)
    {
        var parts = key.Split('_');
        var text = new StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1).Where(p => p.Length > 0))
        {
            text.Append(part == "mib" ? "MiB" : char.ToUpperInvariant(part[0]) + part[1..]);
        }

        return text.ToString();
    }

    /// <summary>An integer as gopkg.in/yaml.v3 reads one (underscores dropped, then Go's base prefixes: 0644 and 0o644 octal, 0x hex, 0b binary).</summary>
    private static long? GoInt(string text)
    {
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        var negative = plain.StartsWith('-');
        var digits = plain.TrimStart('+', '-');
        var (numberBase, body) = digits switch
        {
            _ when digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (16, digits[2..]),
            _ when digits.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (8, digits[2..]),
            _ when digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (2, digits[2..]),
            _ when digits.Length > 1 && digits[0] == '0' => (8, digits[1..]),
            _ => (10, digits),
        };
        if (body.Length == 0)
        {
            return null;
        }

        BigInteger value = 0;
        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= numberBase)
            {
                return null;
            }

            value = value * numberBase + digit;
        }

        value = negative ? -value : value;
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : null;
    }

    /// <summary>
    /// A YAML float decoded into a Go int as gopkg.in/yaml.v3 does: its float syntax (no underscores, no hex), the
    /// value truncated toward zero (<c>0644.0</c> is 644, <c>1e3</c> is 1000, and <c>0999</c>, not octal, is the
    /// float 999); null when it is not a float or does not fit.
    /// </summary>
    private static long? GoFloatToInt(string text)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(text, "^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
            || !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || value >= 9.2233720368547758E18 || value < -9.2233720368547758E18)
        {
            return null;
        }

        return (long)Math.Truncate(value);
    }

    /// <summary>
    /// Butane's warning on a mode written in decimal by mistake (<c>mode: 644</c>): a mode whose decimal digits, read
    /// as octal, make a usual mode while the value itself is not a usual one.
    /// </summary>
    private static void WarnDecimalModes(State state, JsonObject root)
    {
        foreach (var (list, directory) in new[] { ("files", false), ("directories", true) })
        {
            if ((root["storage"] as JsonObject)?[list] is not JsonArray items)
            {
                continue;
            }

            for (var n = 0; n < items.Count; n++)
            {
                if (items[n]?["mode"] is JsonValue v && v.TryGetValue<long>(out var mode) && DecimalDigitsAsOctal(mode) is { } octal
                    && !IsUsualMode(mode, directory) && IsUsualMode(octal, directory))
                {
                    state.Warn($"storage.{list}[{n}].mode: {mode} is an unusual mode, and 0{mode} would be a usual one: " +
                        $"Butane warns (unreasonable mode would be reasonable if specified in octal; remember to add a leading zero); write mode: 0{mode}");
                }
            }
        }
    }

    /// <summary>The value of <paramref name="mode"/>'s decimal digits read as octal (at most four digits, none above 7), or null.</summary>
    private static long? DecimalDigitsAsOctal(long mode)
    {
        if (mode is < 0 or > 7777)
        {
            return null;
        }

        var text = mode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return text.Any(c => c > '7') ? null : Convert.ToInt64(text, 8);
    }

    /// <summary>
    /// Whether a mode is one people mean (Butane's rule): no bits, or permissions that widen from other to group to
    /// user, readable by someone, execute not without read, a directory searchable and never setuid (setgid or
    /// sticky only where someone may write), a file never sticky and setuid/setgid only when executable and not
    /// writable by all.
    /// </summary>
    private static bool IsUsualMode(long mode, bool directory)
    {
        if (mode == 0)
        {
            return true;
        }

        bool anyRead = false, anyWrite = false, anyExec = false;
        foreach (var shift in new[] { 0, 3, 6 })
        {
            var perm = (mode >> shift) & 7;
            bool r = (perm & 4) != 0, w = (perm & 2) != 0, x = (perm & 1) != 0;
            if ((!r && anyRead) || (!w && anyWrite) || (!x && anyExec) || (x && anyRead && !anyExec) || ((w || x) && !r))
            {
                return false;
            }

            anyRead |= r;
            anyWrite |= w;
            anyExec |= x;
        }

        if (!anyRead)
        {
            return false;
        }

        return directory
            ? anyExec && (mode & 0x800) == 0 && ((mode & 0x600) == 0 || anyWrite)
            : ((mode & 0xC00) == 0 || (anyExec && (mode & 2) == 0)) && (mode & 0x200) == 0;
    }

    /// <summary>
    /// A boolean as gopkg.in/yaml.v3 decodes one into a Go <c>bool</c>: YAML 1.2's <c>true</c>/<c>false</c>, and, for
    /// YAML 1.1 compatibility, a string (quoted or not) among <c>y yes on n no off</c> in lower, Title or UPPER case
    /// (so <c>enabled: yes</c> and <c>enabled: "off"</c> work, while <c>"true"</c> and <c>oN</c> are refused).
    /// </summary>
    private static bool? GoBool(ConfigNode node) => node switch
    {
        ConfigScalar { Kind: ScalarKind.Bool } b => b.Value == "true",
        ConfigScalar { Kind: ScalarKind.String, Value: "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" } => true,
        ConfigScalar { Kind: ScalarKind.String, Value: "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" } => false,
        _ => null,
    };

    private static ButaneException Wrong(string where, string expected, ConfigNode node) =>
        new($" {where}: Butane reads {expected} here, not {Describe(node)}");

    private static string Describe(ConfigNode node) => node switch
    {
        ConfigScalar s => $"'{s.Value}'",
        ConfigSequence => "a list",
        _ => "a mapping",
    };
}
