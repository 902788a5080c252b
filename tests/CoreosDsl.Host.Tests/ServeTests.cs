using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary><c>serve</c>: real HTTP requests to the Fleet example on a free loopback port.</summary>
public class ServeTests
{
    [Fact]
    [Trait("Category", "Oracle")]
    public async Task ServesEachWorkerByNameAndByMacLogsRequestsAndStopsOnSigterm()
    {
        var folder = TestPaths.NewScratchDirectory("serve");
        using var process = Cli.Start(Cli.Fleet, folder, "serve", "--urls", "http://127.0.0.1:0");
        var lines = new List<string>();
        try
        {
            var first = await ReadLineAsync(process);
            Assert.StartsWith("listening on http://127.0.0.1:", first, StringComparison.Ordinal);
            var address = new Uri(first["listening on ".Length..]);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(20) };
            var workers = FleetWorkers.All();

            var health = await http.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(3, (int)JsonNode.Parse(await health.Content.ReadAsStringAsync())!["workers"]!);

            var byName = await http.GetAsync("/worker-2/cloud-config.yml");
            Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
            Assert.Equal("text/yaml", byName.Content.Headers.ContentType!.MediaType);
            Assert.Equal(workers[1].ToYaml(), await byName.Content.ReadAsStringAsync());

            // The MAC address as the machine may report it: upper case, dashes.
            Assert.Equal(workers[2].ToYaml(), await http.GetStringAsync("/cloud-config.yml?mac=52-54-00-C0-DE-03"));

            var index = JsonNode.Parse(await http.GetStringAsync("/"))!;
            Assert.Equal("/worker-1/cloud-config.yml", (string?)index["workers"]![0]!["url"]);

            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/worker-9/cloud-config.yml")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/cloud-config.yml?mac=52:54:00:00:00:00")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/cloud-config.yml?mac=nonsense")).StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/cloud-config.yml")).StatusCode);

            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "serve did not stop on SIGTERM");
            lines.AddRange((await process.StandardOutput.ReadToEndAsync()).Split('\n'));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.Contains(lines, l => l.Contains("127.0.0.1 GET /worker-2/cloud-config.yml 200 ", StringComparison.Ordinal) && l.EndsWith("worker=worker-2", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /cloud-config.yml?mac=52-54-00-C0-DE-03 200 ", StringComparison.Ordinal) && l.EndsWith("worker=worker-3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /worker-9/cloud-config.yml 404 ", StringComparison.Ordinal));
        Assert.Contains("stopped", lines);
    }

    /// <summary>
    /// The seed's machine boots with cloud-config-url=http://config.example.com/cloud-config.yml: served at that path,
    /// with no MAC address needed; --json logs JSON lines; an address others can reach gets a warning.
    /// </summary>
    [Fact]
    [Trait("Category", "Oracle")]
    public async Task ServesTheSeedWorkerAtItsConfigUrlPathAndLogsJsonLines()
    {
        var folder = TestPaths.NewScratchDirectory("serve-seed");
        using var process = Cli.Start(Cli.LocalWorkers, folder, "serve", "--json", "--urls", "http://0.0.0.0:0");
        string output;
        try
        {
            var listening = JsonNode.Parse(await ReadLineAsync(process))!;
            Assert.Equal("listening", (string?)listening["event"]);
            var port = new Uri((string)listening["addresses"]![0]!).Port;
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };

            var seed = LocalWorkers.LocalWorker.Define();
            Assert.Equal("/cloud-config.yml", seed.Boot.ConfigUrl!.AbsolutePath);
            Assert.Equal(seed.ToYaml(), await http.GetStringAsync("/cloud-config.yml"));
            Assert.Equal(seed.ToYaml(), await http.GetStringAsync("/local-worker/cloud-config.yml"));
            Assert.Equal("/cloud-config.yml", (string?)JsonNode.Parse(await http.GetStringAsync("/"))!["workers"]![0]!["configUrlPath"]);

            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(20)), "serve did not stop on SIGTERM");
            output = await process.StandardOutput.ReadToEndAsync();
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(events, e => (string?)e["event"] == "request" && (string?)e["target"] == "/cloud-config.yml"
            && (int)e["status"]! == 200 && (string?)e["worker"] == "local-worker");
        Assert.Equal("stopped", (string?)events[^1]["event"]);
        Assert.Contains("http://0.0.0.0:0 is reachable from other machines and no --allow limits who may fetch", await process.StandardError.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void AConfigUrlPathSharedByTwoWorkersBelongsToNeither()
    {
        var url = new Uri("http://config.example.com/cloud-config.yml");
        var workers = new[] { "a", "b", "c" }
            .Select(n => Worker.Define(n, w => w.Hostname(n)))
            .Select((w, i) => w.WithConfigUrl(i < 2 ? url : new Uri("http://config.example.com/c.yml")))
            .ToList();

        var paths = ConfigServer.ConfigUrlPaths(workers);

        Assert.Equal(["/c.yml"], paths.Keys);
        Assert.Equal("c", paths["/c.yml"].Name);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://localhost:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://192.0.2.10:8080", false)]
    public void OnlyLoopbackAddressesCountAsLoopback(string url, bool loopback) => Assert.Equal(loopback, ConfigServer.IsLoopback(url));

    [Fact]
    public void TwoWorkersWithOneMacAddressAreRefused()
    {
        var a = Worker.Define("a", _ => { }).WithMacAddresses("52:54:00:00:00:01");
        var b = Worker.Define("b", _ => { }).WithMacAddresses("52-54-00-00-00-01");
        var e = Assert.Throws<UsageException>(() => ConfigServer.StartAsync([a, b], ["http://127.0.0.1:0"], _ => { }, CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal("the MAC address 52:54:00:00:00:01 belongs to both a and b; a machine must map to one worker", e.Message);
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("serve ended before listening: " + await process.StandardError.ReadToEndAsync());
    }
}
