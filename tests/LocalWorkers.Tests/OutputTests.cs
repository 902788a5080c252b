using CoreosDsl;
using CoreosDsl.Host;
using CoreosDsl.Testing;
using CoreosDsl.Tests.Shared;

namespace LocalWorkers.Tests;

/// <summary>What the example writes, and how.</summary>
[Collection(EnvironmentCollection.Name)]
public class OutputTests
{
    [Fact]
    public void TheWorkersFilesMatchTheirSnapshot() => Snapshot.Verify(LocalWorker.Define());

    [Fact]
    public void BuildWritesEveryFileUnderOutWorkerAndPrintsWhatItWrote()
    {
        var root = TestPaths.NewScratchDirectory("build");
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try
        {
            var exit = WorkerHost.Run(["build", "--out", root], LocalWorker.Define());
            Assert.Equal(WorkerHost.Success, exit);
        }
        finally
        {
            Console.SetOut(previous);
        }

        var folder = Path.Combine(root, "local-worker");
        var written = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(LocalWorker.Define().Files().Select(f => f.Key).Order(StringComparer.Ordinal), written);
        Assert.Equal(LocalWorker.Define().ToYaml(), File.ReadAllText(Path.Combine(folder, "cloud-config.yml")));
        Assert.Contains("local-worker: wrote 8 files", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("units/locksmithd.service", output.ToString(), StringComparison.Ordinal);
        // Nothing is left beside the output: no staging or backup folders.
        Assert.Equal(["local-worker"], Directory.GetDirectories(root).Select(Path.GetFileName));
    }

    [Fact]
    public void ABuildReplacesTheWholeWorkerFolder()
    {
        var root = TestPaths.NewScratchDirectory("rebuild");
        var stale = Path.Combine(root, "local-worker", "units", "removed.service");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "[Unit]\n");

        LocalWorker.Define().Files().WriteTo(Path.Combine(root, "local-worker"));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(Path.Combine(root, "local-worker", "units", "locksmithd.service")));
    }

    [Fact]
    public void SshKeysComeFromTheEnvironmentWhenSet()
    {
        const string key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBERERERERERERERERERERERERERERERERERERERERER operator@example.com";
        Environment.SetEnvironmentVariable("COREOSDSL_SSH_KEYS", key);
        try
        {
            var keys = (CoreosDsl.CloudConfig.ConfigSequence)LocalWorker.Define().CloudConfig["ssh_authorized_keys"];
            Assert.Equal(key, Assert.Single(keys).ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("COREOSDSL_SSH_KEYS", null);
        }
    }

    [Fact]
    public void AMalformedKeyIsRejectedNamingItsSource()
    {
        Environment.SetEnvironmentVariable("COREOSDSL_SSH_KEYS", "ssh-rsa not-base64!");
        try
        {
            var e = Assert.Throws<WorkerDefinitionException>(() => LocalWorker.Define());
            Assert.IsType<FormatException>(e.InnerException);
            Assert.Equal("$COREOSDSL_SSH_KEYS, line 1: the key data is not valid base64", e.Rule);
            Assert.StartsWith("worker \"local-worker\": $COREOSDSL_SSH_KEYS, line 1: the key data is not valid base64", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("COREOSDSL_SSH_KEYS", null);
        }
    }
}

/// <summary>Tests that change process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
