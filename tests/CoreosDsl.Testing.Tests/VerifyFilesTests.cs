namespace CoreosDsl.Testing.Tests;

/// <summary>Snapshot.VerifyFiles and VerifyDirectory: a worker's files as one snapshot folder.</summary>
public sealed class VerifyFilesTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    private static Dictionary<string, string> Worker() => new()
    {
        ["cloud-config.yml"] = "#cloud-config\ncoreos:\n  update:\n    reboot_strategy: etcd-lock\n    group: alpha\n",
        ["units/locksmithd.service"] = "[Unit]\nDescription=Cluster reboot manager\n\n[Service]\nExecStart=/usr/lib/locksmith/locksmithd\n",
        ["units/update-window.timer"] = "[Unit]\nDescription=Reboot if needed at 05:00 daily\n\n[Timer]\nOnCalendar=*-*-* 05:00:00\n",
        ["syslinux.cfg"] = "default coreos\nprompt 1\ntimeout 15\n",
    };

    private void WriteVerified(string name, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, text) in files)
        {
            scratch.Write($"{name}.verified/{path}", text);
        }
    }

    [Fact]
    public void Matching_files_pass_and_nothing_is_written()
    {
        const string name = "VerifyFilesTests.Matching_files_pass_and_nothing_is_written";
        WriteVerified(name, Worker());

        Snapshot.VerifyFiles(Worker(), scratch.Settings());

        Assert.Equal(
            [$"{name}.verified/", $"{name}.verified/cloud-config.yml", $"{name}.verified/syslinux.cfg",
             $"{name}.verified/units/", $"{name}.verified/units/locksmithd.service", $"{name}.verified/units/update-window.timer"],
            scratch.Tree());
    }

    [Fact]
    public void Changed_added_and_removed_files_are_listed_and_diffed()
    {
        const string name = "VerifyFilesTests.Changed_added_and_removed_files_are_listed_and_diffed";
        WriteVerified(name, Worker());
        var output = Worker();
        output["cloud-config.yml"] = output["cloud-config.yml"].Replace("group: alpha", "group: stable");
        output.Remove("units/update-window.timer");
        output["units/update-window.service"] = "[Service]\nExecStart=/usr/bin/true\n";

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(output, scratch.Settings()));

        Assert.Equal(["cloud-config.yml"], e.ChangedFiles);
        Assert.Equal(["units/update-window.service"], e.AddedFiles);
        Assert.Equal(["units/update-window.timer"], e.RemovedFiles);
        Assert.StartsWith($"Snapshot {name} does not match {name}.verified/: 1 changed, 1 added, 1 removed.\n", e.Message);
        Assert.Contains($"  verified: {scratch.PathOf(name + ".verified")}/\n  received: {scratch.PathOf(name + ".received")}/ (written now)\n", e.Message);
        Assert.Contains("  changed:  cloud-config.yml\n  added:    units/update-window.service\n  removed:  units/update-window.timer\n", e.Message);
        Assert.Contains($"""
            --- {name}.verified/cloud-config.yml
            +++ {name}.received/cloud-config.yml
            @@ -2,4 +2,4 @@
             coreos:
               update:
                 reboot_strategy: etcd-lock
            -    group: alpha
            +    group: stable

            """, e.Message);
        Assert.Contains($"""
            --- /dev/null
            +++ {name}.received/units/update-window.service
            @@ -0,0 +1,2 @@
            +[Service]
            +ExecStart=/usr/bin/true

            """, e.Message);
        Assert.Contains($"""
            --- {name}.verified/units/update-window.timer
            +++ /dev/null
            @@ -1,5 +0,0 @@
            -[Unit]
            """, e.Message);

        // The received folder holds exactly the output; the verified folder is untouched.
        Assert.Equal(output.OrderBy(f => f.Key, StringComparer.Ordinal), ReadFolder($"{name}.received"));
        Assert.Equal(Worker().OrderBy(f => f.Key, StringComparer.Ordinal), ReadFolder($"{name}.verified"));
    }

    [Fact]
    public void Missing_snapshot_folder_fails_and_writes_the_received_folder()
    {
        const string name = "VerifyFilesTests.Missing_snapshot_folder_fails_and_writes_the_received_folder";

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(Worker(), scratch.Settings()));

        Assert.True(e.SnapshotMissing);
        Assert.StartsWith($"Snapshot {name} has no verified folder yet (a new or renamed test): {name}.verified/\n", e.Message);
        Assert.Equal(Worker().Keys.Order(StringComparer.Ordinal), e.AddedFiles);
        Assert.Equal(Worker().OrderBy(f => f.Key, StringComparer.Ordinal), ReadFolder($"{name}.received"));
        Assert.DoesNotContain(scratch.Tree(), entry => entry.StartsWith($"{name}.verified", StringComparison.Ordinal));
    }

    [Fact]
    public void A_new_received_folder_replaces_the_old_one_entirely()
    {
        const string name = "VerifyFilesTests.A_new_received_folder_replaces_the_old_one_entirely";
        scratch.Write($"{name}.received/units/stale.service", "from an earlier run\n");

        Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(Worker(), scratch.Settings()));

        Assert.Equal(Worker().OrderBy(f => f.Key, StringComparer.Ordinal), ReadFolder($"{name}.received"));
        Assert.DoesNotContain(scratch.Tree(), entry => entry.Contains(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_match_deletes_the_received_folder()
    {
        const string name = "VerifyFilesTests.A_match_deletes_the_received_folder";
        WriteVerified(name, Worker());
        var changed = Worker();
        changed["syslinux.cfg"] = "default coreos\n";
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(changed, scratch.Settings()));
        Assert.Contains($"{name}.received/", scratch.Tree());

        Snapshot.VerifyFiles(Worker(), scratch.Settings());

        Assert.DoesNotContain(scratch.Tree(), entry => entry.Contains(".received", StringComparison.Ordinal));
    }

    [Fact]
    public void Crlf_files_compare_equal_and_backslash_names_are_normalized()
    {
        const string name = "VerifyFilesTests.Crlf_files_compare_equal_and_backslash_names_are_normalized";
        WriteVerified(name, Worker());
        var windows = Worker().ToDictionary(f => f.Key.Replace('/', '\\'), f => f.Value.ReplaceLineEndings("\r\n"));

        Snapshot.VerifyFiles(windows, scratch.Settings());
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("/etc/cloud-config.yml", "is absolute")]
    [InlineData("C:/cloud-config.yml", "is absolute")]
    [InlineData("units//a.service", "has an empty segment")]
    [InlineData("../a.service", "has a '..' segment")]
    [InlineData("units/./a.service", "has a '.' segment")]
    [InlineData("units/a?.service", "has a character that is not allowed")]
    [InlineData("units/a.service.", "has a segment ending in a dot or a space")]
    public void Bad_file_names_are_rejected_before_anything_is_written(string fileName, string problem)
    {
        var files = new Dictionary<string, string> { ["cloud-config.yml"] = "#cloud-config\n", [fileName] = "x" };

        var e = Assert.Throws<ArgumentException>(() => Snapshot.VerifyFiles(files, scratch.Settings()));

        Assert.StartsWith($"The file name '{fileName}' {problem}", e.Message);
        Assert.Contains("such as 'units/locksmithd.service'", e.Message);
        Assert.Equal("files", e.ParamName);
        Assert.Empty(scratch.Tree());
    }

    [Fact]
    public void Names_that_differ_only_in_case_are_rejected()
    {
        var files = new Dictionary<string, string> { ["units/A.service"] = "a", ["units/a.service"] = "b" };

        var e = Assert.Throws<ArgumentException>(() => Snapshot.VerifyFiles(files, scratch.Settings()));

        Assert.StartsWith("The names 'units/A.service' and 'units/a.service' differ only in case", e.Message);
    }

    [Fact]
    public void Names_that_become_equal_after_normalization_are_rejected()
    {
        var files = new Dictionary<string, string> { ["units/a.service"] = "a", ["units\\a.service"] = "b" };

        var e = Assert.Throws<ArgumentException>(() => Snapshot.VerifyFiles(files, scratch.Settings()));

        Assert.StartsWith("The names 'units/a.service' and 'units\\a.service' name the same file.", e.Message);
    }

    [Fact]
    public void An_empty_file_set_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Snapshot.VerifyFiles(new Dictionary<string, string>(), scratch.Settings()));
        Assert.StartsWith("The file set is empty", e.Message);
    }

    [Fact]
    public void VerifyDirectory_reads_the_text_files_a_program_wrote()
    {
        using var output = new Scratch();
        foreach (var (path, text) in Worker())
        {
            output.Write(path, text);
        }

        File.WriteAllBytes(output.PathOf("usb.img"), [0x55, 0xAA, 0xFF, 0xFE]);
        const string name = "VerifyFilesTests.VerifyDirectory_reads_the_text_files_a_program_wrote";
        WriteVerified(name, Worker());

        Snapshot.VerifyDirectory(output.Folder, path => !path.EndsWith(".img", StringComparison.Ordinal), scratch.Settings());

        var e = Assert.Throws<InvalidDataException>(() => Snapshot.VerifyDirectory(output.Folder, settings: scratch.Settings()));
        Assert.Contains("usb.img: expected UTF-8 text, found an invalid byte sequence at offset 1", e.Message);
        Assert.Contains("leave binary files out with the include filter", e.Message);
    }

    private IEnumerable<KeyValuePair<string, string>> ReadFolder(string folder)
    {
        var root = scratch.PathOf(folder);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(path => KeyValuePair.Create(Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText(path)))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
    }
}
