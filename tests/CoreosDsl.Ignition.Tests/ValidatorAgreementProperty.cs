using System.Text.Json.Nodes;
using CoreosDsl.Ignition.Validation;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// Beyond the recorded corpus: random edits of the corpus's base configs (a value replaced by one from a pool of
/// near-misses, a key dropped, renamed or added, a list item repeated), each checked live by ignition-validate, must
/// get the same verdict from <see cref="IgnitionValidator"/>.
/// </summary>
public class ValidatorAgreementProperty
{
    private static readonly string Cases = Path.Combine(TestPaths.TestData, "ignition-differential", "cases");

    private static readonly string[] Bases = [.. Directory.GetFiles(Cases, "*.ign").Where(f => !Path.GetFileName(f).Contains("--", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    // Values that sit on the edges of Ignition's rules: paths, URLs, hashes, modes, names, versions, types.
    private static readonly JsonNode?[] Pool =
    [
        "/etc/x", "etc/x", "/etc//x", "/etc/x/", "/etc/../x", "", "/", "data:,ok", "data:,a b", "data:;base64,aGk=", "data:text,x",
        "https://example.com/a", "ftp://example.com/a", "http://exa mple.com/", "s3://b/k?versionId=", "gs://b/o", "tftp://h/f",
        "sha512-" + new string('a', 128), "sha256-" + new string('b', 64), "sha512-ab", "md5-00", "gzip", "bzip2",
        "a.service", "a", "10-a.conf", "10-a.txt", "[Service]\nExecStart=/bin/true\n", "[Service\n", "[Unit]\nX\n",
        // 3.4.0 is left out: this oracle (2.14) refuses it, and validate reads it as Ignition 2.15 and later do.
        "3.3.0", "3.2.0", "3.4.0-experimental", "3.5.0", "ext4", "none", "ext3", "raid1", "raid9", "LABEL:x",
        0, 420, 493, 4095, 8192, -1, 1.5, true, false, null, new JsonObject(), new JsonArray(),
    ];

    private static readonly Gen<Func<JsonNode, JsonNode>> Edit = Gen.OneOf(
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, Pool.Length - 1], (at, value) => (Func<JsonNode, JsonNode>)(root => Replace(root, at, Pool[value]))),
        Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 2], (at, how) => (Func<JsonNode, JsonNode>)(root => ChangeKey(root, at, how))),
        Gen.Int[0, 10_000].Select(at => (Func<JsonNode, JsonNode>)(root => RepeatItem(root, at))));

    [Fact]
    [Trait("Category", "Oracle")]
    public void Random_edits_get_ignition_validates_verdict() =>
        Gen.Select(Gen.Int[0, Bases.Length - 1], Edit.Array[1, 3], (b, edits) =>
            {
                var root = JsonNode.Parse(File.ReadAllText(Bases[b]))!;
                foreach (var edit in edits)
                {
                    root = edit(root);
                }

                return root.ToJsonString();
            })
            .Sample(json =>
            {
                var oracle = IgnitionValidate.Run(json);
                var expected = oracle.ExitCode != 0 ? "error" : oracle.Output.Trim().Length > 0 ? "warning" : "ok";
                var report = IgnitionValidator.Validate(json);
                Assert.True(report.Verdict == expected, $"ignition-validate {expected} [{oracle.Output.Trim()}], ours {report.Verdict} [{report}] for\n{json}");
            }, iter: 60, threads: 1);

    private static List<(JsonNode Parent, object Key)> Slots(JsonNode root)
    {
        var slots = new List<(JsonNode, object)>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        slots.Add((o, k));
                        Walk(v);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, i));
                        Walk(a[i]);
                    }

                    break;
            }
        }

        Walk(root);
        return slots;
    }

    private static JsonNode Replace(JsonNode root, int at, JsonNode? value)
    {
        var slots = Slots(root);
        if (slots.Count > 0)
        {
            var (parent, key) = slots[at % slots.Count];
            var copy = value?.DeepClone();
            if (key is string name)
            {
                parent[name] = copy;
            }
            else
            {
                parent[(int)key] = copy;
            }
        }

        return root;
    }

    private static JsonNode ChangeKey(JsonNode root, int at, int how)
    {
        var objects = Slots(root).Where(s => s.Key is string).ToList();
        if (objects.Count == 0)
        {
            return root;
        }

        var (parent, key) = objects[at % objects.Count];
        var o = (JsonObject)parent;
        var name = (string)key;
        var value = o[name]?.DeepClone();
        switch (how)
        {
            case 0:
                o.Remove(name);
                break;
            case 1:
                o.Remove(name);
                o[char.ToUpperInvariant(name[0]) + name[1..] + (name.Length % 2 == 0 ? "" : "s")] = value;
                break;
            default:
                o["x" + name] = value;
                break;
        }

        return root;
    }

    private static JsonNode RepeatItem(JsonNode root, int at)
    {
        var items = Slots(root).Where(s => s.Key is int).ToList();
        if (items.Count > 0)
        {
            var (parent, key) = items[at % items.Count];
            ((JsonArray)parent).Add(parent[(int)key]?.DeepClone());
        }

        return root;
    }
}
