using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Testing.Tests;

/// <summary>
/// Accepting after the fact: <c>accept-snapshots.sh</c> and its C# twin <see cref="Snapshot.AcceptAll"/> turn every
/// received snapshot below a folder into the verified one, and must leave identical trees.
/// </summary>
public sealed class AcceptAllTests : IDisposable
{
    private static readonly string Script = Path.Combine(TestPaths.RepoRoot, "src", "CoreosDsl.Testing", "accept-snapshots.sh");

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>A test tree after a failed run: text and file-set snapshots, nested folders, hidden entries.</summary>
    private static void WriteFailedRun(Scratch tree)
    {
        tree.Write("WorkerTests.Cloud_config.verified.yml", "group: stable\n");
        tree.Write("WorkerTests.Cloud_config.received.yml", "group: alpha\n");
        tree.Write("WorkerTests.New_test.received.service", "[Unit]\n");
        tree.Write("Nested/UnitTests.Locksmithd.received.service", "[Service]\nRestart=always\n");
        tree.Write("WorkerTests.Files.verified/cloud-config.yml", "old\n");
        tree.Write("WorkerTests.Files.verified/units/removed.service", "gone after accepting\n");
        tree.Write("WorkerTests.Files.received/cloud-config.yml", "new\n");
        tree.Write("WorkerTests.Files.received/units/added.service", "[Unit]\n");
        tree.Write("WorkerTests.Unchanged.verified.txt", "kept\n");
        tree.Write(".git/x.received.txt", "never touched\n");
        tree.Write(".WorkerTests.Cloud_config.verified.yml.0123abcd.received.tmp", "staging leftover, skipped\n");
    }

    private static readonly string[] Accepted =
    [
        ".WorkerTests.Cloud_config.verified.yml.0123abcd.received.tmp",
        ".git/",
        ".git/x.received.txt",
        "Nested/",
        "Nested/UnitTests.Locksmithd.verified.service",
        "WorkerTests.Cloud_config.verified.yml",
        "WorkerTests.Files.verified/",
        "WorkerTests.Files.verified/cloud-config.yml",
        "WorkerTests.Files.verified/units/",
        "WorkerTests.Files.verified/units/added.service",
        "WorkerTests.New_test.verified.service",
        "WorkerTests.Unchanged.verified.txt",
    ];

    [Fact]
    public void AcceptAll_moves_received_over_verified()
    {
        WriteFailedRun(scratch);

        var written = Snapshot.AcceptAll(scratch.Folder);

        Assert.Equal(Accepted, scratch.Tree());
        Assert.Equal("group: alpha\n", scratch.Read("WorkerTests.Cloud_config.verified.yml"));
        Assert.Equal("new\n", scratch.Read("WorkerTests.Files.verified/cloud-config.yml"));
        Assert.Equal(
            new[]
            {
                "Nested/UnitTests.Locksmithd.verified.service", "WorkerTests.Cloud_config.verified.yml",
                "WorkerTests.Files.verified", "WorkerTests.New_test.verified.service",
            }.Select(scratch.PathOf),
            written);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_script_leaves_the_same_tree_as_AcceptAll()
    {
        WriteFailedRun(scratch);

        var result = ExternalTool.Run("bash", [Script, scratch.Folder]).EnsureSuccess();

        Assert.Equal(Accepted, scratch.Tree());
        Assert.Equal("group: alpha\n", scratch.Read("WorkerTests.Cloud_config.verified.yml"));
        Assert.Equal("new\n", scratch.Read("WorkerTests.Files.verified/cloud-config.yml"));
        Assert.EndsWith($"accept-snapshots: 4 snapshot(s) accepted below {scratch.Folder}\n", result.StandardOutput);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void The_script_defaults_to_the_current_folder()
    {
        WriteFailedRun(scratch);

        ExternalTool.Run("bash", [Script], workingDirectory: scratch.Folder).EnsureSuccess();

        Assert.Equal(Accepted, scratch.Tree());
    }

    [Fact]
    [Trait("Category", "Oracle")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_script_is_executable_and_rejects_a_missing_folder()
    {
        Assert.True((File.GetUnixFileMode(Script) & UnixFileMode.UserExecute) != 0, $"{Script} is not executable");

        var result = ExternalTool.Run("bash", [Script, scratch.PathOf("nope")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a folder", result.StandardError);
        Assert.Throws<DirectoryNotFoundException>(() => Snapshot.AcceptAll(scratch.PathOf("nope")));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Accepted_snapshots_pass_on_the_next_run()
    {
        var settings = scratch.Settings();
        var files = new Dictionary<string, string> { ["cloud-config.yml"] = "group: alpha\n", ["units/a.service"] = "[Unit]\n" };
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(files, settings));

        ExternalTool.Run("bash", [Script, scratch.Folder]).EnsureSuccess();

        Snapshot.VerifyFiles(files, settings);
    }
}
