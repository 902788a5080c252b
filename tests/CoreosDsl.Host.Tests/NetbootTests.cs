using CoreosDsl.Host.Netboot;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// Network boots under QEMU (TCG, user networking, its iPXE boot ROM; traffic only to the host's loopback as
/// 10.0.2.2): machines of examples/Fleet boot from <c>serve --stock</c> by MAC address, and the stand-in initramfs
/// fetches the config URL of its kernel line and prints what it got. The boots of one test run in parallel.
/// </summary>
[Trait("Category", "Oracle")]
public class NetbootTests
{
    private readonly StockImage stock = StockImage.Instance;

    [Fact]
    public async Task TwoFleetWorkersBootByMacAndEachFetchesExactlyItsOwnConfigAndAnUnknownMachineIsTold()
    {
        // The serial console is how the test sees the machine: the workers' own arguments plus console=ttyS0.
        var workers = FleetWorkers.All().Select(w => w.WithBoot(b => b with { SerialPort = 0 })).ToList();
        using var assets = StockAssets.Open(stock.IsoPath, workers);
        var log = new List<RequestLogEntry>();
        await using var server = await ConfigServer.StartAsync(workers, ["http://127.0.0.1:0"], e =>
        {
            lock (log)
            {
                log.Add(e);
            }
        }, CancellationToken.None, new NetbootSettings(assets, null), AllowList.Parse(["127.0.0.0/8"]));
        var port = new Uri(server.Addresses[0]).Port;
        var bootUrl = $"http://10.0.2.2:{port}/boot.ipxe";

        var boots = await Task.WhenAll(
            QemuBoot.NetworkAsync(bootUrl, "52:54:00:c0:de:01"),
            QemuBoot.NetworkAsync(bootUrl, "52:54:00:c0:de:02"),
            QemuBoot.NetworkAsync(bootUrl, "52:54:00:00:00:99", line => line.Contains("Give the worker this machine's MAC", StringComparison.Ordinal),
                TimeSpan.FromMinutes(2)));

        for (var i = 0; i < 2; i++)
        {
            var boot = boots[i];
            var worker = workers[i];
            Assert.True(boot.Completed, $"{worker.Name} did not finish booting:\n{boot.Serial}");
            Assert.Contains($"cloud-config-url=http://10.0.2.2:{port}/{worker.Name}/cloud-config.yml", boot.CommandLine, StringComparison.Ordinal);
            var fetch = Assert.Single(boot.Fetches());
            Assert.Equal($"http://10.0.2.2:{port}/{worker.Name}/cloud-config.yml", fetch.Url);
            Assert.True(fetch.Status == "HTTP/1.1 200 OK", $"{worker.Name} fetched its config with status \"{fetch.Status}\":\n{boot.Serial}");
            Assert.Equal(worker.ToYaml(), fetch.Body);
        }

        var unknown = boots[2].Serial;
        Assert.Contains("CoreosDsl: no worker matches this machine (mac 52:54:00:00:00:99", unknown, StringComparison.Ordinal);
        Assert.Contains("worker-1: mac 52:54:00:c0:de:01", unknown, StringComparison.Ordinal);
        Assert.DoesNotContain("BOOTLAB-", unknown, StringComparison.Ordinal);

        // What each machine asked for, as the request log shows it: script, kernel, initrd, config.
        lock (log)
        {
            foreach (var worker in workers.Take(2))
            {
                Assert.Contains(log, e => e.Target.StartsWith($"/ipxe/{worker.MacAddresses[0].Replace(':', '-')}.ipxe", StringComparison.Ordinal) && e.Worker == worker.Name);
                Assert.Contains(log, e => e.Target == $"/{worker.Name}/cloud-config.yml" && e.Status == 200);
            }

            Assert.Contains(log, e => e.Target == "/assets/coreos/vmlinuz" && e.Status is 200 or 206);
        }
    }

    [Fact]
    public async Task AnIgnitionWorkerBootsByMacAndFetchesItsIgnitionConfigAndItsCloudConfig()
    {
        // Provisioned with both: Flatcar's Ignition reads ignition.config.url on the first boot, coreos-cloudinit cloud-config-url.
        var flatcar = Worker.Define("flatcar-net", w => w.Hostname("flatcar-net"))
            .WithProvisioning(Provisioning.Both)
            .WithMacAddresses("52:54:00:c0:de:21")
            .WithBoot(b => b with { SerialPort = 0 });
        using var assets = StockAssets.Open(stock.IsoPath, [flatcar]);
        await using var server = await ConfigServer.StartAsync([flatcar], ["http://127.0.0.1:0"], _ => { }, CancellationToken.None,
            new NetbootSettings(assets, null), AllowList.Parse(["127.0.0.0/8"]));
        var port = new Uri(server.Addresses[0]).Port;

        var boot = await QemuBoot.NetworkAsync($"http://10.0.2.2:{port}/boot.ipxe", "52:54:00:c0:de:21");

        Assert.True(boot.Completed, $"flatcar-net did not finish booting:\n{boot.Serial}");
        Assert.Contains("flatcar.first_boot=1", boot.CommandLine, StringComparison.Ordinal);
        var fetches = boot.Fetches().ToDictionary(f => f.Url);
        Assert.Equal(2, fetches.Count);
        var ignition = fetches[$"http://10.0.2.2:{port}/flatcar-net/ignition.json"];
        Assert.Equal("HTTP/1.1 200 OK", ignition.Status);
        Assert.Equal(flatcar.ToIgnitionJson(), ignition.Body);
        var cloudConfig = fetches[$"http://10.0.2.2:{port}/flatcar-net/cloud-config.yml"];
        Assert.Equal("HTTP/1.1 200 OK", cloudConfig.Status);
        Assert.Equal(flatcar.ToYaml(), cloudConfig.Body);
    }
}
