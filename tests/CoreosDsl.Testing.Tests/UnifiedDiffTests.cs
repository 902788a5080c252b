using CoreosDsl.Text;
using System.Text;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Testing.Tests;

/// <summary>
/// The unified diff against the real tools: GNU <c>diff -u</c> prints the same text where the change is
/// unambiguous, <c>diff --minimal</c> changes as few lines, and GNU <c>patch</c> turns the old text into the new
/// one with our diff, with no fuzz.
/// </summary>
public sealed class UnifiedDiffTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private static readonly string Seed = """
        #cloud-config
        ---
        coreos:
          fleet:
            metadata: role=worker
          update:
            reboot_strategy: etcd-lock
            group: alpha
          units:
          - name: locksmithd.service
            command: start
          - name: update-engine.service
            command: start
          - name: fleet.service
            command: start
          - name: update-window.service
            content: |
              [Unit]
              Description=Reboot if an update has been downloaded
          - name: update-window.timer
            command: start

        """;

    public static TheoryData<string, string, string> Unambiguous => new()
    {
        { "one line changed", Seed, Seed.Replace("group: alpha", "group: stable") },
        { "change at the top", Seed, Seed.Replace("#cloud-config", "#cloud-config\n# generated") },
        { "change at the end", Seed, Seed + "write_files: []\n" },
        { "two separate hunks", Seed, Seed.Replace("role=worker", "role=edge").Replace("update-window.timer", "reboot-window.timer") },
        { "close changes merge into one hunk", Seed, Seed.Replace("etcd-lock", "reboot").Replace("locksmithd.service", "locksmith.service") },
        { "new file", "", "a\nb\n" },
        { "deleted file", "a\nb\n", "" },
        { "final newline removed", "a\nb\nc\n", "a\nb\nc" },
        { "final newline added", "a\nb\nc", "a\nb\nc\n" },
        { "last line changed without newline", "x\ny\nz", "x\ny\nZ" },
    };

    [Theory]
    [Trait("Category", "Oracle")]
    [MemberData(nameof(Unambiguous))]
    public void Matches_gnu_diff_u_byte_for_byte(string description, string oldText, string newText)
    {
        var expected = GnuDiff(oldText, newText, "-u");

        var actual = UnifiedDiff.Create(oldText, newText, "old.txt", "new.txt");

        Assert.True(expected == actual, $"{description}:\n--- GNU diff -u\n{expected}\n--- UnifiedDiff\n{actual}");
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Context_lines_can_be_chosen_like_diff_U()
    {
        var newText = Seed.Replace("role=worker", "role=edge").Replace("command: start\n  - name: fleet", "command: stop\n  - name: fleet");
        foreach (var context in new[] { 0, 1, 5 })
        {
            Assert.Equal(GnuDiff(Seed, newText, $"-U{context}"), UnifiedDiff.Create(Seed, newText, "old.txt", "new.txt", context));
        }
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Random_diffs_apply_with_patch_and_change_as_few_lines_as_diff_minimal()
    {
        var text = Gen.Select(Gen.OneOf("a", "b", "c", "d", "").Array[0, 30], Gen.Bool)
            .Select((lines, finalNewline) => string.Join('\n', lines) + (finalNewline && lines.Length > 0 ? "\n" : ""));
        Gen.Select(text, text).Sample((oldText, newText) =>
        {
            var ours = UnifiedDiff.Create(oldText, newText, "old.txt", "new.txt");
            if (oldText == newText)
            {
                Assert.Equal("", ours);
                return;
            }

            Assert.Equal(Patch(oldText, ours), newText);
            Assert.Equal(ChangedLines(GnuDiff(oldText, newText, "-u", "--minimal")), ChangedLines(ours));
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void Equal_texts_give_an_empty_diff()
    {
        Assert.Equal("", UnifiedDiff.Create(Seed, Seed, "a", "b"));
    }

    [Fact]
    public void Negative_context_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UnifiedDiff.Create("a", "b", "x", "y", -1));
    }

    /// <summary>GNU diff's output with the file names as labels (no timestamps), so it can be compared.</summary>
    private string GnuDiff(string oldText, string newText, params string[] options)
    {
        File.WriteAllText(scratch.PathOf("old.txt"), oldText);
        File.WriteAllText(scratch.PathOf("new.txt"), newText);
        var result = ExternalTool.Run("diff", [.. options, "--label", "old.txt", "--label", "new.txt", "old.txt", "new.txt"],
            workingDirectory: scratch.Folder);
        Assert.True(result.ExitCode is 0 or 1, result.Output);
        return result.StandardOutput;
    }

    /// <summary>Applies <paramref name="diff"/> to <paramref name="oldText"/> with GNU patch, requiring exact context.</summary>
    private string Patch(string oldText, string diff)
    {
        File.WriteAllText(scratch.PathOf("old.txt"), oldText);
        File.WriteAllText(scratch.PathOf("change.diff"), diff);
        var output = scratch.PathOf("patched.txt");
        File.Delete(output);
        ExternalTool.Run("patch", ["--force", "--fuzz=0", "--no-backup-if-mismatch", "--output", output, "--input", "change.diff", "old.txt"],
            workingDirectory: scratch.Folder).EnsureSuccess();
        return File.Exists(output) ? File.ReadAllText(output, Encoding.UTF8) : "";
    }

    /// <summary>How many lines a unified diff deletes and inserts.</summary>
    private static (int Deleted, int Inserted) ChangedLines(string diff)
    {
        var lines = diff.Split('\n').Skip(2).ToArray();
        return (lines.Count(l => l.StartsWith('-')), lines.Count(l => l.StartsWith('+')));
    }
}
