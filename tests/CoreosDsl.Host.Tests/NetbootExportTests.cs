using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CoreosDsl.Host.Netboot;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>build --netboot</c>: the static export, checked against what <c>serve --stock</c> answers, against dnsmasq's own
/// parser, and by booting a machine under QEMU from it served by <c>python3 -m http.server</c> on 127.0.0.1.
/// </summary>
[Trait("Category", "Oracle")]
public class NetbootExportTests
{
    private readonly StockImage stock = StockImage.Instance;

    [Fact]
    public async Task TheExportHoldsWhatServeAnswersAndADnsmasqSnippetDnsmasqAccepts()
    {
        var folder = TestPaths.NewScratchDirectory("netboot-export");
        var publicUrl = new Uri("http://boot.example.com:8080/fleet/");
        var result = Cli.Run(Cli.Fleet, folder, "build", "--netboot", "--stock", stock.IsoPath, "--public-url", "http://boot.example.com:8080/fleet", "--out", "www");
        Assert.True(result.ExitCode == 0, result.Output);
        var www = Path.Combine(folder, "www");
        var workers = FleetWorkers.All();

        using var assets = StockAssets.Open(stock.IsoPath, workers);
        await using var server = await ConfigServer.StartAsync(workers, ["http://127.0.0.1:0"], _ => { }, CancellationToken.None, new NetbootSettings(assets, publicUrl));
        using var http = new HttpClient { BaseAddress = new Uri(server.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };
        foreach (var path in new[] { "boot.ipxe", "ipxe/52-54-00-c0-de-01.ipxe", "ipxe/52-54-00-c0-de-03.ipxe", "worker-2/cloud-config.yml", "assets/coreos/vmlinuz", "assets/coreos/cpio.gz" })
        {
            Assert.Equal(await http.GetByteArrayAsync("/" + path), await File.ReadAllBytesAsync(Path.Combine(www, path)));
        }

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(stock.TreePath, "coreos", "vmlinuz")), await File.ReadAllBytesAsync(Path.Combine(www, "assets", "coreos", "vmlinuz")));
        Assert.Equal(["52-54-00-c0-de-01.ipxe", "52-54-00-c0-de-02.ipxe", "52-54-00-c0-de-03.ipxe", "unknown.ipxe"],
            Directory.GetFiles(Path.Combine(www, "ipxe")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(" cloud-config-url=http://boot.example.com:8080/fleet/worker-1/cloud-config.yml\n", await File.ReadAllTextAsync(Path.Combine(www, "ipxe", "52-54-00-c0-de-01.ipxe")), StringComparison.Ordinal);

        var dnsmasq = await File.ReadAllTextAsync(Path.Combine(www, "dnsmasq.conf"));
        Assert.Contains("pxe-service=tag:ipxe,x86PC,\"CoreosDsl\",http://boot.example.com:8080/fleet/boot.ipxe\n", dnsmasq, StringComparison.Ordinal);
        var check = ExternalTool.Run("dnsmasq", ["--test", "--conf-file=" + Path.Combine(www, "dnsmasq.conf")]);
        Assert.True(check.ExitCode == 0, check.Output);
        Assert.Contains("syntax check OK", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ARebuildThatChangesNothingWritesNothingAndAChangeRewritesOnlyWhatChanged()
    {
        var folder = TestPaths.NewScratchDirectory("netboot-rebuild");
        var workers = FleetWorkers.All();
        using var assets = StockAssets.Open(stock.IsoPath, workers);
        void Build(IReadOnlyList<WorkerDefinition> fleet)
        {
            foreach (var worker in fleet)
            {
                worker.Files().WriteTo(Path.Combine(folder, worker.Name));
            }

            NetbootExport.Write(folder, fleet, assets, new Uri("http://boot.example.com/"), CancellationToken.None);
        }

        // The inode of each file tells whether it was written again (every write renames a new file into place).
        Dictionary<string, string> Inodes() => Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
            f => ExternalTool.Run("stat", ["-c", "%i", f]).Output.Trim());

        Build(workers);
        var first = Inodes();
        Assert.Contains("assets/coreos/vmlinuz", first.Keys);
        Assert.Contains("worker-2/syslinux.cfg", first.Keys);

        Build(workers);
        Assert.Equal(first, Inodes());

        // worker-2 boots with one more kernel argument: its folder and its script change, nothing else.
        var changed = workers.Select(w => w.Name == "worker-2" ? w.WithBoot(b => b with { KernelArguments = [.. b.KernelArguments, "quiet"] }) : w).ToList();
        Build(changed);
        var third = Inodes();
        Assert.Equal(first.Keys.Order(StringComparer.Ordinal), third.Keys.Order(StringComparer.Ordinal));
        var rewritten = first.Keys.Where(k => first[k] != third[k]).Order(StringComparer.Ordinal).ToList();
        Assert.Contains("ipxe/52-54-00-c0-de-02.ipxe", rewritten);
        Assert.Contains("worker-2/syslinux.cfg", rewritten);
        Assert.All(rewritten, path => Assert.True(path.StartsWith("worker-2/", StringComparison.Ordinal) || path == "ipxe/52-54-00-c0-de-02.ipxe", path));
        Assert.Contains(" quiet ", File.ReadAllText(Path.Combine(folder, "ipxe", "52-54-00-c0-de-02.ipxe")), StringComparison.Ordinal);
    }

    [Fact]
    public void NetbootOptionsComeTogether()
    {
        var folder = TestPaths.NewScratchDirectory("netboot-usage");
        var result = Cli.Run(Cli.Fleet, folder, "build", "--netboot", "--stock", stock.IsoPath);
        Assert.Equal(WorkerHost.UsageError, result.ExitCode);
        Assert.Contains("--netboot needs --stock STOCK.iso (the kernel and initrd to copy) and --public-url URL", result.StandardError, StringComparison.Ordinal);

        var missing = Cli.Run(Cli.Fleet, folder, "build", "--netboot", "--stock", "nothing.iso", "--public-url", "http://127.0.0.1:1/", "--out", "www");
        Assert.Equal(WorkerHost.UsageError, missing.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(folder, "www")), "a wrong --stock must leave nothing behind");
    }

    [Fact]
    public async Task AMachineBootsFromTheExportServedByAPlainWebServer()
    {
        var folder = TestPaths.NewScratchDirectory("netboot-static");
        var port = FreeLoopbackPort();
        var www = Path.Combine(folder, "www");
        var result = Cli.Run(Cli.Fleet, folder, "build", "--netboot", "--stock", stock.IsoPath, "--public-url", $"http://10.0.2.2:{port}/", "--out", "www");
        Assert.True(result.ExitCode == 0, result.Output);
        // The serial console is how the test sees the machine; the exported script is the worker's, plus console=ttyS0.
        foreach (var script in Directory.GetFiles(Path.Combine(www, "ipxe"), "52-*.ipxe"))
        {
            var text = await File.ReadAllTextAsync(script);
            await File.WriteAllTextAsync(script, text.Replace(" cloud-config-url=", " console=ttyS0,115200 cloud-config-url=", StringComparison.Ordinal));
        }

        var python = new ProcessStartInfo(ExternalTool.Require("python3"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", www })
        {
            python.ArgumentList.Add(argument);
        }

        using var server = Process.Start(python)!;
        var requests = new List<string>();
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (requests)
                {
                    requests.Add(e.Data);
                }
            }
        };
        server.BeginErrorReadLine();
        try
        {
            await WaitForListening(port);
            var bootUrl = $"http://10.0.2.2:{port}/boot.ipxe";
            var boots = await Task.WhenAll(
                QemuBoot.NetworkAsync(bootUrl, "52:54:00:c0:de:03"),
                QemuBoot.NetworkAsync(bootUrl, "52:54:00:00:00:98", line => line.Contains("Give the worker this machine's MAC", StringComparison.Ordinal),
                    TimeSpan.FromMinutes(2)));

            var worker = FleetWorkers.All()[2];
            Assert.True(boots[0].Completed, $"{worker.Name} did not finish booting:\n{boots[0].Serial}");
            var fetch = Assert.Single(boots[0].Fetches());
            Assert.Equal($"http://10.0.2.2:{port}/{worker.Name}/cloud-config.yml", fetch.Url);
            Assert.StartsWith("HTTP/1.0 200", fetch.Status, StringComparison.Ordinal);
            Assert.Equal(worker.ToYaml(), fetch.Body);

            // The static server has no script for this MAC (404): boot.ipxe falls back to ipxe/unknown.ipxe, which prints iPXE's own ${mac}.
            Assert.Contains("CoreosDsl: no worker matches this machine (mac 52:54:00:00:00:98", boots[1].Serial, StringComparison.Ordinal);
            Assert.DoesNotContain("BOOTLAB-", boots[1].Serial, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        lock (requests)
        {
            Assert.Contains(requests, r => r.Contains("\"GET /ipxe/52-54-00-00-00-98.ipxe?", StringComparison.Ordinal) && r.Contains(" 404 ", StringComparison.Ordinal));
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForListening(int port)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"python3 -m http.server did not listen on 127.0.0.1:{port}");
    }
}
