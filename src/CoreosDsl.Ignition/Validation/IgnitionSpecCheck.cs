using System.Text.Json.Nodes;
using CoreosDsl.Ignition.Schema;

namespace CoreosDsl.Ignition.Validation;

/// <summary>A key or value of a later spec than the config's <c>ignition.version</c> (CDSL263).</summary>
/// <param name="Path">Where it is, as ignition-validate writes paths (<c>$.storage.luks.0.discard</c>).</param>
/// <param name="What">What needs the later spec (the key's path, or <c>the arn: URL at PATH</c>).</param>
/// <param name="Since">The spec version that has it.</param>
/// <param name="Version">The config's version.</param>
public sealed record IgnitionSpecProblem(string Path, string What, string Since, string Version)
{
    /// <summary>The <see cref="IgnitionSpecVersion"/> member that selects <see cref="Since"/> (<c>V3_4_0</c>).</summary>
    public string Member => "V" + Since.Replace('.', '_');
}

/// <summary>
/// Finds what a built config uses beyond its spec version: keys <c>ignition.schema</c> marks <c>since=</c> a later
/// version, and <c>arn:</c> S3 sources before 3.4.0. Ignition would ignore such a key (or refuse the whole config for
/// an <c>arn:</c> URL), so a worker reports them (CDSL263) instead of writing them.
/// </summary>
public static class IgnitionSpecCheck
{
    /// <summary>The problems of <paramref name="root"/>, in document order.</summary>
    /// <param name="root">A config tree with <c>ignition.version</c> set.</param>
    /// <returns>The problems; empty when the config fits its version.</returns>
    public static IReadOnlyList<IgnitionSpecProblem> Check(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var declared = (root["ignition"] as JsonObject)?["version"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : IgnitionSchema.SpecVersion;
        var version = IgnitionSpecVersions.Resolve(declared) is { Length: > 0 } known ? known : IgnitionSchema.SpecVersion;
        var problems = new List<IgnitionSpecProblem>();
        Walk(root, "", "$", version, problems);
        return problems;
    }

    private static void Walk(JsonNode? node, string schemaPath, string path, string version, List<IgnitionSpecProblem> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var childSchema = schemaPath.Length == 0 ? name : $"{schemaPath}.{name}";
                    if (IgnitionSchema.Find(childSchema) is not { } key)
                    {
                        continue;
                    }

                    if (!IgnitionSpecVersions.Has(childSchema, version))
                    {
                        problems.Add(new IgnitionSpecProblem($"{path}.{name}", $"{path}.{name}", IgnitionSpecVersions.Since(childSchema)!, version));
                        continue;
                    }

                    if (key.Format == "url" && value is System.Text.Json.Nodes.JsonValue url && url.TryGetValue<string>(out var s)
                        && s.StartsWith("arn:", StringComparison.OrdinalIgnoreCase)
                        && IgnitionSpecVersions.Order(version) < IgnitionSpecVersions.Experimental34)
                    {
                        problems.Add(new IgnitionSpecProblem($"{path}.{name}", $"the arn: URL at {path}.{name}", "3.4.0", version));
                    }

                    Walk(value, key.Type == IgnitionValueType.ObjectList ? childSchema + "[]" : childSchema, $"{path}.{name}", version, problems);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], schemaPath, $"{path}.{i}", version, problems);
                }

                break;
        }
    }
}
