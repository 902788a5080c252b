using System.Text;

namespace CoreosDsl.Testing.Tests;

/// <summary>Snapshot.Verify for a single text: match, mismatch, missing, line endings, clean-up, bytes on disk.</summary>
public sealed class VerifyTextTests : IDisposable
{
    private const string Unit = """
        [Unit]
        Description=Cluster reboot manager
        Requires=update-engine.service
        After=update-engine.service

        [Service]
        CPUShares=16
        MemoryLimit=32M
        ExecStart=/usr/lib/locksmith/locksmithd
        Restart=always
        RestartSec=10s

        [Install]
        WantedBy=multi-user.target

        """;

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Matching_text_passes_and_writes_nothing()
    {
        scratch.Write("VerifyTextTests.Matching_text_passes_and_writes_nothing.verified.service", Unit);

        Snapshot.Verify(Unit, "service", scratch.Settings());

        Assert.Equal(["VerifyTextTests.Matching_text_passes_and_writes_nothing.verified.service"], scratch.Tree());
    }

    [Fact]
    public void Mismatch_fails_with_a_unified_diff_and_writes_the_received_file()
    {
        scratch.Write("VerifyTextTests.Mismatch_fails_with_a_unified_diff_and_writes_the_received_file.verified.service", Unit);
        var changed = Unit.Replace("RestartSec=10s", "RestartSec=30s");

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(changed, "service", scratch.Settings()));

        const string name = "VerifyTextTests.Mismatch_fails_with_a_unified_diff_and_writes_the_received_file";
        Assert.Contains(
            $"--- {name}.verified.service\n" +
            $"+++ {name}.received.service\n" +
            "@@ -8,7 +8,7 @@\n" +
            " MemoryLimit=32M\n" +
            " ExecStart=/usr/lib/locksmith/locksmithd\n" +
            " Restart=always\n" +
            "-RestartSec=10s\n" +
            "+RestartSec=30s\n" +
            " \n" +
            " [Install]\n" +
            " WantedBy=multi-user.target\n",
            e.Message);
        Assert.StartsWith($"Snapshot {name} does not match {name}.verified.service.", e.Message);
        Assert.Contains("COREOSDSL_ACCEPT_SNAPSHOTS=1", e.Message);
        Assert.False(e.SnapshotMissing);
        Assert.Equal(name, e.SnapshotName);
        Assert.Equal(scratch.PathOf($"{name}.received.service"), e.ReceivedPath);
        Assert.Equal(scratch.PathOf($"{name}.verified.service"), e.VerifiedPath);
        Assert.Equal(changed, scratch.Read($"{name}.received.service"));
        Assert.Equal(Unit, scratch.Read($"{name}.verified.service"));
    }

    [Fact]
    public void Missing_snapshot_fails_and_writes_the_received_file()
    {
        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("group: alpha\n", "yml", scratch.Settings()));

        const string name = "VerifyTextTests.Missing_snapshot_fails_and_writes_the_received_file";
        Assert.True(e.SnapshotMissing);
        Assert.StartsWith($"Snapshot {name} has no verified file yet", e.Message);
        Assert.Contains($"""
            --- /dev/null
            +++ {name}.received.yml
            @@ -0,0 +1 @@
            +group: alpha

            """, e.Message);
        Assert.Equal([$"{name}.received.yml"], scratch.Tree());
        Assert.Equal("group: alpha\n", scratch.Read($"{name}.received.yml"));
    }

    [Fact]
    public void Crlf_input_compares_equal_to_an_lf_snapshot()
    {
        scratch.Write("VerifyTextTests.Crlf_input_compares_equal_to_an_lf_snapshot.verified.service", Unit);

        Snapshot.Verify(Unit.ReplaceLineEndings("\r\n"), "service", scratch.Settings());
    }

    [Fact]
    public void Lf_input_compares_equal_to_a_crlf_snapshot_with_a_byte_order_mark()
    {
        // A checkout that ignored .gitattributes, or an editor that added a BOM, does not break the comparison.
        File.WriteAllText(scratch.PathOf("VerifyTextTests.Lf_input_compares_equal_to_a_crlf_snapshot_with_a_byte_order_mark.verified.service"),
            Unit.ReplaceLineEndings("\r\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Snapshot.Verify(Unit, "service", scratch.Settings());
    }

    [Fact]
    public void Received_file_is_utf8_without_bom_with_lf_line_endings()
    {
        var text = "\uFEFFDescription=Zürich \u2192 ☃\r\nExecStart=/bin/true\rWhat=LABEL=DOCKER";

        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(text, settings: scratch.Settings()));

        var bytes = scratch.ReadBytes("VerifyTextTests.Received_file_is_utf8_without_bom_with_lf_line_endings.received.txt");
        Assert.Equal(Encoding.UTF8.GetBytes("Description=Zürich \u2192 ☃\nExecStart=/bin/true\nWhat=LABEL=DOCKER"), bytes);
    }

    [Fact]
    public void Same_input_writes_the_same_bytes()
    {
        const string name = "VerifyTextTests.Same_input_writes_the_same_bytes.received.yml";
        var yaml = "#cloud-config\r\ncoreos:\r\n  update:\r\n    group: alpha\r\n";
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(yaml, "yml", scratch.Settings()));
        var first = scratch.ReadBytes(name);

        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(yaml, "yml", scratch.Settings()));

        Assert.Equal(first, scratch.ReadBytes(name));
    }

    [Fact]
    public void A_match_deletes_received_files_left_by_earlier_runs()
    {
        const string name = "VerifyTextTests.A_match_deletes_received_files_left_by_earlier_runs";
        scratch.Write($"{name}.verified.yml", "group: stable\n");
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("group: alpha\n", "yml", scratch.Settings()));
        scratch.Write($"{name}.received.txt", "from before the extension changed\n");
        scratch.Write($"{name}.received/cloud-config.yml", "from a file-set version of this test\n");
        scratch.Write($"{name}_other.received.yml", "another snapshot's, kept\n");

        Snapshot.Verify("group: stable\n", "yml", scratch.Settings());

        Assert.Equal([$"{name}.verified.yml", $"{name}_other.received.yml"], scratch.Tree());
    }

    [Fact]
    public void Missing_final_newline_shows_in_the_diff()
    {
        scratch.Write("VerifyTextTests.Missing_final_newline_shows_in_the_diff.verified.txt", "a\nb\n");

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("a\nb", settings: scratch.Settings()));

        Assert.Contains("""
            @@ -1,2 +1,2 @@
             a
            -b
            +b
            \ No newline at end of file

            """, e.Message);
    }

    [Fact]
    public void A_snapshot_that_is_not_utf8_is_reported_with_its_offset()
    {
        var path = scratch.PathOf("VerifyTextTests.A_snapshot_that_is_not_utf8_is_reported_with_its_offset.verified.txt");
        File.WriteAllBytes(path, [(byte)'o', (byte)'k', 0xC3, 0x28]);

        var e = Assert.Throws<InvalidDataException>(() => Snapshot.Verify("ok", settings: scratch.Settings()));

        Assert.Equal($"{path}: expected UTF-8 text, found an invalid byte sequence at offset 2. " +
            "Snapshots hold text: delete the file and run the test again to write it anew.", e.Message);
    }

    [Fact]
    public void Long_diffs_are_cut_in_the_message_but_complete_in_the_received_file()
    {
        var lines = string.Concat(Enumerable.Range(1, 500).Select(i => $"line {i}\n"));

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(lines, settings: scratch.Settings()));

        Assert.Contains("+line 197\n... 303 more diff lines; see the received file.\n", e.Message);
        Assert.DoesNotContain("line 198", e.Message);
        Assert.Equal(lines, scratch.Read("VerifyTextTests.Long_diffs_are_cut_in_the_message_but_complete_in_the_received_file.received.txt"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("y ml")]
    [InlineData("yml?")]
    public void A_bad_extension_is_rejected(string extension)
    {
        var e = Assert.Throws<ArgumentException>(() => Snapshot.Verify("x", extension, scratch.Settings()));
        Assert.Equal("extension", e.ParamName);
        Assert.Empty(scratch.Tree());
    }

    [Fact]
    public void A_leading_dot_in_the_extension_is_tolerated()
    {
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("x", ".yml", scratch.Settings()));
        Assert.Equal(["VerifyTextTests.A_leading_dot_in_the_extension_is_tolerated.received.yml"], scratch.Tree());
    }
}
