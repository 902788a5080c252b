using CoreosDsl.CloudConfig;
using CoreosDsl.Host.Netboot;
using CoreosDsl.Images;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// An Ignition worker's USB image and remastered ISO, booted under QEMU (TCG) on the stand-in stock image with a
/// network card on QEMU's user network: the kernel line carries <c>ignition.config.url=</c> and
/// <c>flatcar.first_boot=1</c>, the stand-in's /init fetches that URL from <c>serve</c> (on this machine's loopback,
/// 10.0.2.2 inside the guest) and prints the body, and the config-2 drive carries the same JSON in
/// <c>openstack/latest/user_data</c>. The stand-in cannot run Ignition itself (it is busybox, not Flatcar's
/// initramfs): what is proven is the kernel line, the fetched bytes and the drive's bytes; that Ignition applies such a
/// config is proven by the real Ignition binary in CoreosDsl.Ignition.Tests (IgnitionApply).
/// </summary>
[Trait("Category", "Oracle")]
public class IgnitionImageBootTests
{
    private readonly StockImage stock = StockImage.Instance;
    private readonly string folder = TestPaths.NewScratchDirectory("ignition-boot");

    [Fact]
    public async Task TheUsbImageOfAnIgnitionWorkerBootsWithTheConfigUrlFetchesTheJsonAndCarriesItOnTheConfigDrive()
    {
        await using var server = await Serve("ign-usb");
        var worker = Define("ign-usb", server.Port);
        var image = Path.Combine(folder, "ign-usb.img");
        WorkerImages.CreateUsb(worker, stock.IsoPath, image, new UsbImageRequest { ConfigDrive = true, Size = 64L << 20 });

        await AnswersOnTheHost(server.Port, worker);

        var boot = await Task.Run(() => QemuBoot.BootWithNetwork(["-drive", $"file={image},format=raw,index=0"]));

        AssertIgnitionBoot(worker, server.Port, boot);
        Assert.Equal(worker.ToIgnitionJson(), boot.Block("USERDATA"));
    }

    [Fact]
    public async Task TheRemasteredIsoOfAnIgnitionWorkerBootsWithTheConfigUrlAndFetchesTheJson()
    {
        await using var server = await Serve("ign-iso");
        var worker = Define("ign-iso", server.Port);
        var iso = Path.Combine(folder, "ign-iso.iso");
        var result = WorkerImages.CreateIso(worker, stock.IsoPath, iso, new IsoImageRequest { ConfigDrive = true });

        await AnswersOnTheHost(server.Port, worker);

        var boot = await Task.Run(() => QemuBoot.BootWithNetwork(["-cdrom", iso, "-drive", $"file={result.ConfigDrivePath},format=raw,media=cdrom,if=ide,index=3"]));

        AssertIgnitionBoot(worker, server.Port, boot);
        Assert.Equal(worker.ToIgnitionJson(), boot.Block("USERDATA"));
    }

    /// <summary>
    /// The server answers the worker's URL on the host first (and so has its endpoints compiled): on a loaded machine a
    /// cold server's first answer can take longer than the stand-in's three tries with busybox nc.
    /// </summary>
    private static async Task AnswersOnTheHost(int port, WorkerDefinition worker)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync($"http://127.0.0.1:{port}/{worker.Name}/ignition.json");
        Assert.Equal(Ignition.IgnitionConfig.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(worker.ToIgnitionJson(), await response.Content.ReadAsStringAsync());
    }

    private static void AssertIgnitionBoot(WorkerDefinition worker, int port, BootLog boot)
    {
        Assert.True(boot.Completed, $"{worker.Name} did not finish booting:\n{boot.Serial}");
        var url = $"http://10.0.2.2:{port}/{worker.Name}/ignition.json";
        Assert.Contains($"ignition.config.url={url}", boot.CommandLine, StringComparison.Ordinal);
        Assert.Contains("flatcar.first_boot=1", boot.CommandLine, StringComparison.Ordinal);
        Assert.Contains($"BOOTLAB-IGNITION-CONFIG-URL: {url}", boot.Markers);
        Assert.Contains("BOOTLAB-FIRST-BOOT: 1", boot.Markers);
        var fetch = Assert.Single(boot.Fetches());
        Assert.Equal(url, fetch.Url);
        Assert.True(fetch.Status == "HTTP/1.1 200 OK", $"{worker.Name}: the fetch of {url} answered {fetch.Status ?? "nothing"}:\n{string.Join('\n', boot.Markers)}");
        Assert.Equal(worker.ToIgnitionJson(), fetch.Body);

        // What the machine fetched is a config Ignition accepts.
        var file = Path.Combine(TestPaths.NewScratchDirectory("ignition-boot-fetched"), "fetched.ign");
        File.WriteAllText(file, fetch.Body);
        var validate = ExternalTool.Run("ignition-validate", [file]);
        Assert.True(validate.ExitCode == 0 && validate.Output.Trim().Length == 0, validate.Output);
    }

    /// <summary>An Ignition-only worker: a host name, a unit and a formatted disk, fetching its config from <paramref name="port"/> on the host.</summary>
    private static WorkerDefinition Define(string name, int port) =>
        Worker.Define(name, w => w
                .Hostname(name)
                .Coreos(c => c.Units(u => u.Raw("hello.service", "[Service]\nType=oneshot\nExecStart=/usr/bin/echo hello\n[Install]\nWantedBy=multi-user.target\n", UnitCommand.Start))))
            .WithIgnitionConfigUrl(new Uri($"http://10.0.2.2:{port}/{name}/ignition.json"))
            .WithIgnition(i => i.Storage(s => s.Filesystem("/dev/vdb", f => f.Format(Ignition.FilesystemFormat.Ext4).Label("DATA"))))
            .WithProvisioning(Provisioning.Ignition)
            .WithBoot(b => b with { SerialPort = 0 });

    /// <summary><c>serve</c> for the worker on a free loopback port (the served JSON does not depend on the URL in the worker's boot settings).</summary>
    private static async Task<Served> Serve(string name)
    {
        var server = await ConfigServer.StartAsync([Define(name, 1)], ["http://127.0.0.1:0"], _ => { }, CancellationToken.None,
            allow: AllowList.Parse(["127.0.0.0/8"]));
        return new Served(server, new Uri(server.Addresses[0]).Port);
    }

    private sealed record Served(ConfigServer Server, int Port) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
