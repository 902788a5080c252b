using System.Text.Json;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// PyYAML (Debian's python3-yaml, a YAML 1.1 reader on libyaml) as an independent oracle: it reads emitted documents
/// and reports every scalar's YAML 1.1 type. A missing python3 or yaml module fails the test naming the package.
/// </summary>
internal static class PyYamlOracle
{
    private const string Script = """
        import json, sys, datetime, yaml
        def conv(v):
            if isinstance(v, dict):
                return {"t": "map", "v": [[conv(k), conv(x)] for k, x in v.items()]}
            if isinstance(v, list):
                return {"t": "seq", "v": [conv(x) for x in v]}
            if isinstance(v, bool):
                return {"t": "bool", "v": str(v).lower()}
            if isinstance(v, int):
                return {"t": "int", "v": str(v)}
            if isinstance(v, float):
                return {"t": "float", "v": repr(v)}
            if v is None:
                return {"t": "null", "v": ""}
            if isinstance(v, (datetime.date, datetime.datetime)):
                return {"t": "timestamp", "v": str(v)}
            if isinstance(v, bytes):
                return {"t": "binary", "v": ""}
            return {"t": "str", "v": v}
        docs = json.load(sys.stdin)
        print(json.dumps([conv(yaml.load(d, Loader=yaml.CSafeLoader)) for d in docs]))
        """;

    /// <summary>Parses each document with PyYAML; returns the typed trees as JSON elements.</summary>
    public static IReadOnlyList<JsonElement> Load(IReadOnlyList<string> documents)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : ExternalTool.Require("python3");
        var result = ExternalTool.Run(python, ["-c", Script], TimeSpan.FromMinutes(2), standardInput: JsonSerializer.Serialize(documents));
        if (result.ExitCode != 0 && result.StandardError.Contains("No module named 'yaml'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The oracle PyYAML is not installed: run 'apt-get install python3-yaml' (.ci/run installs it).");
        }

        result.EnsureSuccess();
        using var doc = JsonDocument.Parse(result.StandardOutput);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>Whether PyYAML's tree equals the model (same shape, keys, kinds and string texts).</summary>
    public static string? Compare(ConfigNode model, JsonElement py, string path = "$")
    {
        var t = py.GetProperty("t").GetString();
        switch (model)
        {
            case ConfigMapping m:
                if (t != "map")
                {
                    return $"{path}: PyYAML read {t}, expected a mapping";
                }

                var entries = py.GetProperty("v").EnumerateArray().ToList();
                if (entries.Count != m.Count)
                {
                    return $"{path}: PyYAML read {entries.Count} keys, expected {m.Count}";
                }

                var i = 0;
                foreach (var (key, value) in m)
                {
                    var k = entries[i][0];
                    if (k.GetProperty("t").GetString() != "str" || k.GetProperty("v").GetString() != key)
                    {
                        return $"{path}: key {i} read as {k}, expected string {JsonSerializer.Serialize(key)}";
                    }

                    if (Compare(value, entries[i][1], $"{path}.{key}") is { } problem)
                    {
                        return problem;
                    }

                    i++;
                }

                return null;
            case ConfigSequence s:
                if (t != "seq")
                {
                    return $"{path}: PyYAML read {t}, expected a sequence";
                }

                var items = py.GetProperty("v").EnumerateArray().ToList();
                if (items.Count != s.Count)
                {
                    return $"{path}: PyYAML read {items.Count} items, expected {s.Count}";
                }

                for (var j = 0; j < s.Count; j++)
                {
                    if (Compare(s[j], items[j], $"{path}[{j}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case ConfigScalar scalar:
                var want = scalar.Kind switch
                {
                    ScalarKind.String => "str",
                    ScalarKind.Bool => "bool",
                    ScalarKind.Int => "int",
                    ScalarKind.Float => "float",
                    _ => "null",
                };
                if (t != want)
                {
                    return $"{path}: PyYAML read {t} {py.GetProperty("v")}, expected {want} {JsonSerializer.Serialize(scalar.Value)}";
                }

                return scalar.Kind == ScalarKind.String && py.GetProperty("v").GetString() != scalar.Value
                    ? $"{path}: PyYAML read {JsonSerializer.Serialize(py.GetProperty("v").GetString())}, expected {JsonSerializer.Serialize(scalar.Value)}"
                    : null;
            default:
                return $"{path}: unknown node";
        }
    }
}
