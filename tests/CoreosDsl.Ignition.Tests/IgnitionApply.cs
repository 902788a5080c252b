using System.Text.Json.Nodes;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// The real Ignition binary (Debian package <c>ignition</c>, 2.14) applied to a scratch root: the fetch-offline stage
/// reads the config from a file, the files stage writes files, directories, links, units, drop-ins and users under
/// the root (users with <c>useradd --root</c>, so the root has minimal passwd, group, shadow and gshadow files).
/// </summary>
public static class IgnitionApply
{
    private const string Binary = "/usr/lib/dracut/modules.d/30ignition/ignition";

    /// <summary>The preset file through which Ignition enables units.</summary>
    public const string PresetPath = "etc/systemd/system-preset/20-ignition.preset";

    /// <summary>The lines of <paramref name="text"/> in ordinal order.</summary>
    public static string SortedLines(string text) =>
        string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).Select(l => l + "\n"));

    /// <summary>The files the scratch root starts with; they are not part of what Ignition wrote.</summary>
    public static readonly string[] Setup =
    [
        "etc/selinux", "etc/selinux/config", "etc/passwd", "etc/group", "etc/shadow", "etc/gshadow",
        "etc/passwd-", "etc/group-", "etc/shadow-", "etc/gshadow-", "etc/.pwd.lock", "etc/.ignition-result.json",
    ];

    /// <summary>Applies <paramref name="json"/> and returns the root it wrote to (the caller deletes it).</summary>
    public static string Apply(string json)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"The oracle '{Binary}' is not installed: run 'apt-get install ignition' (.ci/run installs it).");
        }

        var dir = TestPaths.NewScratchDirectory("ignition-apply");
        var root = Path.Combine(dir, "root");
        var run = Path.Combine(dir, "run");
        Directory.CreateDirectory(Path.Combine(root, "etc", "selinux"));
        Directory.CreateDirectory(run);
        // SELINUX=disabled without SELINUXTYPE: Ignition writes everything, then ends with a relabel complaint (ignored below).
        File.WriteAllText(Path.Combine(root, "etc/selinux/config"), "SELINUX=disabled\n");
        File.WriteAllText(Path.Combine(root, "etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        File.WriteAllText(Path.Combine(root, "etc/group"), "root:x:0:\nwheel:x:10:\nsudo:x:27:\nusers:x:100:\ndocker:x:233:\n");
        File.WriteAllText(Path.Combine(root, "etc/shadow"), "root:*:19000:0:99999:7:::\n");
        File.WriteAllText(Path.Combine(root, "etc/gshadow"), "root:*::\nwheel:*::\nsudo:*::\nusers:*::\ndocker:*::\n");
        var config = Path.Combine(dir, "config.ign");
        File.WriteAllText(config, json);

        var cache = Path.Combine(run, "ignition.json");
        var state = Path.Combine(run, "state");
        var fetch = ExternalTool.Run(Binary, ["-platform", "file", "-stage", "fetch-offline", "-log-to-stdout",
            "-config-cache", cache, "-state-file", state, "-neednet", Path.Combine(run, "neednet")],
            environment: new Dictionary<string, string> { ["IGNITION_CONFIG_FILE"] = config });
        Assert.True(fetch.ExitCode == 0, "ignition fetch-offline failed:\n" + fetch.Output);
        var files = ExternalTool.Run(Binary, ["-platform", "file", "-stage", "files", "-root", root, "-log-to-stdout",
            "-config-cache", cache, "-state-file", state]);
        var critical = files.Output.Split('\n').Where(l => l.StartsWith("CRITICAL", StringComparison.Ordinal)
            && !l.Contains("failed to handle relabeling", StringComparison.Ordinal)).ToList();
        Assert.True(critical.Count == 0, "ignition files failed:\n" + string.Join("\n", critical) + "\n" + files.Output[^Math.Min(4000, files.Output.Length)..]);
        return root;
    }

    /// <summary>Fails with the entries that differ, one per line.</summary>
    public static void AssertSameTree(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
    {
        static string Lines(SortedDictionary<string, string> tree, IEnumerable<string> keys) =>
            string.Join("\n", keys.Select(k => $"{k}: {(tree.TryGetValue(k, out var v) ? v : "(absent)")}"));
        var differing = expected.Keys.Union(actual.Keys)
            .Where(k => !expected.TryGetValue(k, out var e) || !actual.TryGetValue(k, out var a) || e != a).ToList();
        Assert.True(differing.Count == 0, $"expected:\n{Lines(expected, differing)}\nactual:\n{Lines(actual, differing)}");
    }

    /// <summary>
    /// What is under <paramref name="root"/> besides the setup and the users' homes: relative path to
    /// <c>file MODE BASE64</c>, <c>dir MODE</c> or <c>link TARGET</c>.
    /// </summary>
    public static SortedDictionary<string, string> Tree(string root)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (Setup.Contains(relative) || relative == "etc" || relative == "home" || relative.StartsWith("home/", StringComparison.Ordinal))
            {
                continue;
            }

            var mode = Convert.ToString((int)entry.UnixFileMode, 8).PadLeft(4, '0');
            var bytes = entry is FileInfo ? File.ReadAllBytes(entry.FullName) : [];
            if (relative == PresetPath)
            {
                // Ignition writes the preset lines in Go's map order, which varies from run to run.
                bytes = System.Text.Encoding.UTF8.GetBytes(SortedLines(System.Text.Encoding.UTF8.GetString(bytes)));
            }

            tree[relative] = entry.LinkTarget is { } target ? "link " + target
                : entry is DirectoryInfo ? "dir " + mode
                : $"file {mode} {Convert.ToBase64String(bytes)}";
        }

        return tree;
    }

    /// <summary>
    /// The tree a config says Ignition writes: files with their decoded contents (mode 0644 by default), directories
    /// (0755, and every parent Ignition creates), links, units and drop-ins (0644), masked units as links to
    /// /dev/null, and the preset file for enabled units.
    /// </summary>
    public static SortedDictionary<string, string> Expected(JsonObject config)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Parents(string path)
        {
            for (var parent = Path.GetDirectoryName(path)?.Replace('\\', '/'); !string.IsNullOrEmpty(parent) && parent != "etc"; parent = Path.GetDirectoryName(parent)?.Replace('\\', '/'))
            {
                tree.TryAdd(parent, "dir 0755");
            }
        }

        void File(string path, byte[] data, int mode)
        {
            tree[path] = $"file {Convert.ToString(mode, 8).PadLeft(4, '0')} {Convert.ToBase64String(data)}";
            Parents(path);
        }

        var storage = config["storage"];
        foreach (var file in (storage?["files"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var source = (string?)file["contents"]?["source"] ?? "data:,";
            var data = DataUrl.TryDecode(source) ?? throw new InvalidOperationException("not a data URL: " + source);
            if ((string?)file["contents"]?["compression"] == "gzip")
            {
                using var gz = new System.IO.Compression.GZipStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
                using var plain = new MemoryStream();
                gz.CopyTo(plain);
                data = plain.ToArray();
            }

            File(((string)file["path"]!)[1..], data, (int?)file["mode"] ?? 420);
        }

        foreach (var dir in (storage?["directories"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var path = ((string)dir["path"]!)[1..];
            tree[path] = $"dir {Convert.ToString((int?)dir["mode"] ?? 493, 8).PadLeft(4, '0')}";
            Parents(path);
        }

        foreach (var link in (storage?["links"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var path = ((string)link["path"]!)[1..];
            tree[path] = "link " + (string)link["target"]!;
            Parents(path);
        }

        var enabled = new List<string>();
        foreach (var unit in (config["systemd"]?["units"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = (string)unit["name"]!;
            var path = "etc/systemd/system/" + name;
            if (unit["contents"] is { } contents)
            {
                File(path, System.Text.Encoding.UTF8.GetBytes((string)contents!), 420);
            }

            foreach (var dropIn in (unit["dropins"] as JsonArray ?? []).OfType<JsonObject>())
            {
                File($"{path}.d/{(string)dropIn["name"]!}", System.Text.Encoding.UTF8.GetBytes((string?)dropIn["contents"] ?? ""), 420);
            }

            if ((bool?)unit["mask"] == true)
            {
                tree[path] = "link /dev/null";
                Parents(path);
            }

            if ((bool?)unit["enabled"] == true)
            {
                enabled.Add(name);
            }
        }

        if (enabled.Count > 0)
        {
            File(PresetPath, System.Text.Encoding.UTF8.GetBytes(SortedLines(string.Concat(enabled.Select(n => $"enable {n}\n")))), 420);
        }

        return tree;
    }
}
