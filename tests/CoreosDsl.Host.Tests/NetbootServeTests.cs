using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using CoreosDsl.Host.Netboot;
using CoreosDsl.Tests.Shared;
using Fleet;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>serve --stock</c>: the network-boot endpoints over real HTTP on 127.0.0.1, with examples/Fleet's workers and the
/// stand-in stock ISO (the kernel and initrd compared with the files the ISO was built from).
/// </summary>
[Trait("Category", "Oracle")]
public class NetbootServeTests
{
    private readonly StockImage stock = StockImage.Instance;

    [Fact]
    public async Task BootIpxeChainsToTheMachinesScriptByMacUuidAndHostName()
    {
        await using var server = await Start(FleetWorkers.All());
        using var http = Client(server);

        var boot = await http.GetAsync("/boot.ipxe");
        Assert.Equal(HttpStatusCode.OK, boot.StatusCode);
        var script = await boot.Content.ReadAsStringAsync();
        Assert.StartsWith("#!ipxe\n", script, StringComparison.Ordinal);
        Assert.Contains("chain ipxe/${mac:hexhyp}.ipxe?uuid=${uuid}&hostname=${hostname} || chain ipxe/unknown.ipxe?mac=${mac:hexhyp}", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMachinesScriptBootsTheStockKernelWithItsArgumentsAndConfigUrlOnThisServer()
    {
        var workers = FleetWorkers.All();
        await using var server = await Start(workers);
        using var http = Client(server);
        var port = new Uri(server.Addresses[0]).Port;

        // By MAC address in the path, as boot.ipxe chains; the config URL names the server as the machine reached it.
        var request = new HttpRequestMessage(HttpMethod.Get, "/ipxe/52-54-00-c0-de-02.ipxe?uuid=00000000-0000-0000-0000-000000000000&hostname=");
        request.Headers.Host = $"10.0.2.2:{port}";
        var script = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        var base_ = $"http://10.0.2.2:{port}/";
        Assert.Equal(
            "#!ipxe\n" +
            "echo CoreosDsl: booting worker worker-2\n" +
            $"kernel {base_}assets/coreos/vmlinuz initrd=cpio.gz coreos.autologin cloud-config-url={base_}worker-2/cloud-config.yml\n" +
            $"initrd {base_}assets/coreos/cpio.gz\n" +
            "boot\n",
            script);

        // matchbox's form, with the MAC address as iPXE's ${mac} prints it.
        Assert.Contains("booting worker worker-3", await http.GetStringAsync("/ipxe?mac=52:54:00:C0:DE:03"), StringComparison.Ordinal);

        // The config URL of the script is this server's, and it serves exactly the worker's emitted config.
        var configUrl = new Uri(script.Split([' ', '\n']).Single(w => w.StartsWith("cloud-config-url=", StringComparison.Ordinal))["cloud-config-url=".Length..]);
        Assert.Equal(workers[1].ToYaml(), await http.GetStringAsync(configUrl.PathAndQuery));
    }

    [Theory]
    [InlineData(Provisioning.Ignition, false)]
    [InlineData(Provisioning.Both, true)]
    public async Task AnIgnitionWorkersScriptNamesItsIgnitionConfigOnThisServerAndItsFirstBoot(Provisioning provisioning, bool cloudConfigToo)
    {
        var flatcar = Worker.Define("flatcar-1", w => w.Hostname("flatcar-1")).WithProvisioning(provisioning).WithMacAddresses("52:54:00:c0:de:11");
        await using var server = await Start([.. FleetWorkers.All(), flatcar]);
        using var http = Client(server);
        var base_ = server.Addresses[0].TrimEnd('/') + "/";

        var script = await http.GetStringAsync("/ipxe/52-54-00-c0-de-11.ipxe");
        var kernelLine = script.Split('\n').Single(l => l.StartsWith("kernel ", StringComparison.Ordinal)).Split(' ');
        Assert.Contains($"ignition.config.url={base_}flatcar-1/ignition.json", kernelLine);
        Assert.Contains("flatcar.first_boot=1", kernelLine);
        Assert.Equal(cloudConfigToo, kernelLine.Contains($"cloud-config-url={base_}flatcar-1/cloud-config.yml"));
        Assert.Equal(cloudConfigToo ? 1 : 0, kernelLine.Count(w => w.StartsWith("cloud-config-url=", StringComparison.Ordinal)));

        // The URL the script names answers with exactly the emitted config, as Ignition asks for it.
        var ignitionUrl = new Uri(kernelLine.Single(w => w.StartsWith("ignition.config.url=", StringComparison.Ordinal))["ignition.config.url=".Length..]);
        var config = await http.GetAsync(ignitionUrl.PathAndQuery);
        Assert.Equal("application/vnd.coreos.ignition+json", config.Content.Headers.ContentType!.MediaType);
        Assert.Equal(flatcar.ToIgnitionJson(), await config.Content.ReadAsStringAsync());

        // A cloud-config worker's script names no Ignition config.
        Assert.DoesNotContain("ignition.config.url=", await http.GetStringAsync("/ipxe/52-54-00-c0-de-01.ipxe"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicUrlNamesTheServerInsteadOfTheRequestsHost()
    {
        await using var server = await Start(FleetWorkers.All(), publicUrl: new Uri("http://boot.example.com:8080/"));
        using var http = Client(server);

        var script = await http.GetStringAsync("/ipxe/52-54-00-c0-de-01.ipxe");

        Assert.Contains("kernel http://boot.example.com:8080/assets/coreos/vmlinuz ", script, StringComparison.Ordinal);
        Assert.Contains(" cloud-config-url=http://boot.example.com:8080/worker-1/cloud-config.yml\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachScriptNamesTheServerAsThatRequestReachedIt()
    {
        // Scripts are rendered once per base URL: a second name for the same server must not get the first one's URLs.
        await using var server = await Start(FleetWorkers.All());
        using var http = Client(server);
        var port = new Uri(server.Addresses[0]).Port;

        foreach (var host in new[] { $"127.0.0.1:{port}", "boot.example.com", $"127.0.0.1:{port}", "10.0.0.1:8080" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/ipxe/52-54-00-c0-de-01.ipxe");
            request.Headers.Host = host;
            var script = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains($"kernel http://{host}/assets/coreos/vmlinuz ", script, StringComparison.Ordinal);
            Assert.Contains($" cloud-config-url=http://{host}/worker-1/cloud-config.yml\n", script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MachinesAreMatchedByUuidHostNameAndLabels()
    {
        var uuid = "4c4c4544-0058-3410-8058-b4c04f4e3232";
        var a = Worker.Define("by-uuid", w => w.Hostname("a")).WithUuids(uuid.ToUpperInvariant());
        var b = Worker.Define("by-name", w => w.Hostname("b"));
        var c = Worker.Define("rack-1", w => w.Hostname("c")).WithLabel("rack", "r1");
        var d = Worker.Define("rack-1-gpu", w => w.Hostname("d")).WithLabel("rack", "r1").WithLabel("gpu", "yes");
        await using var server = await Start([a, b, c, d]);
        using var http = Client(server);

        Assert.Contains("worker by-uuid", await http.GetStringAsync($"/ipxe/52-54-00-00-00-09.ipxe?uuid={uuid}&hostname="), StringComparison.Ordinal);
        Assert.Contains("worker by-name", await http.GetStringAsync("/ipxe/52-54-00-00-00-09.ipxe?uuid=&hostname=by-name"), StringComparison.Ordinal);
        Assert.Contains("worker rack-1\n", await http.GetStringAsync("/ipxe?mac=52:54:00:00:00:09&rack=r1"), StringComparison.Ordinal);
        // The worker with more matching labels is the more specific match.
        Assert.Contains("worker rack-1-gpu\n", await http.GetStringAsync("/ipxe?rack=r1&gpu=yes"), StringComparison.Ordinal);
        Assert.Contains("no worker matches", await http.GetStringAsync("/ipxe?rack=r2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownMachineGetsAScriptThatSaysWhyAndStops()
    {
        await using var server = await Start(FleetWorkers.All());
        using var http = Client(server);

        var response = await http.GetAsync("/ipxe/52-54-00-00-00-99.ipxe?uuid=00000000-0000-0000-0000-000000000000&hostname=");
        var script = await response.Content.ReadAsStringAsync();

        // 200, not 404: a failed chain makes iPXE try the next boot device and come back, in a loop.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("#!ipxe\necho CoreosDsl: no worker matches this machine (mac 52:54:00:00:00:99).\n", script, StringComparison.Ordinal);
        Assert.Contains("echo   worker-1: mac 52:54:00:c0:de:01\n", script, StringComparison.Ordinal);
        Assert.Contains("echo   worker-3: mac 52:54:00:c0:de:03\n", script, StringComparison.Ordinal);
        Assert.EndsWith("\nshell\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("kernel", script, StringComparison.Ordinal);

        // A host name from the request cannot inject iPXE settings into the echoed text.
        var hostile = await http.GetStringAsync("/ipxe?mac=52:54:00:00:00:98&hostname=%24%7Bnet0%2Fip%7D&x=%24%7Bpassword%7D");
        Assert.DoesNotContain("${", hostile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKernelIsStreamedFromTheIsoWithHeadRangesAndValidators()
    {
        await using var server = await Start(FleetWorkers.All());
        using var http = Client(server);
        var expected = await File.ReadAllBytesAsync(Path.Combine(stock.TreePath, "coreos", "vmlinuz"));

        var full = await http.GetAsync("/assets/coreos/vmlinuz");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(expected, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes", full.Headers.AcceptRanges.Single());
        var etag = full.Headers.ETag!;
        var lastModified = full.Content.Headers.LastModified!.Value;

        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/assets/coreos/vmlinuz"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(expected.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, head.Headers.ETag);

        var range = new HttpRequestMessage(HttpMethod.Get, "/assets/coreos/vmlinuz");
        range.Headers.Range = new RangeHeaderValue(4096, 4096 + 999);
        var partial = await http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(expected[4096..5096], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 4096-5095/{expected.Length}", partial.Content.Headers.ContentRange!.ToString());

        var tail = new HttpRequestMessage(HttpMethod.Get, "/assets/coreos/cpio.gz");
        tail.Headers.Range = new RangeHeaderValue(null, 100);
        var initrd = await File.ReadAllBytesAsync(Path.Combine(stock.TreePath, "coreos", "cpio.gz"));
        Assert.Equal(initrd[^100..], await (await http.SendAsync(tail)).Content.ReadAsByteArrayAsync());

        var unsatisfiable = new HttpRequestMessage(HttpMethod.Get, "/assets/coreos/vmlinuz");
        unsatisfiable.Headers.Range = new RangeHeaderValue(expected.Length + 10, null);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, (await http.SendAsync(unsatisfiable)).StatusCode);

        var conditional = new HttpRequestMessage(HttpMethod.Get, "/assets/coreos/vmlinuz");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(conditional)).StatusCode);
        var since = new HttpRequestMessage(HttpMethod.Get, "/assets/coreos/vmlinuz");
        since.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(since)).StatusCode);

        // A whole download (streamed by serve itself) carries the same headers as HEAD (answered by ASP.NET Core's file result).
        foreach (var asset in new[] { "/assets/coreos/vmlinuz", "/assets/coreos/cpio.gz" })
        {
            var get = await http.GetAsync(asset, HttpCompletionOption.ResponseHeadersRead);
            var headOnly = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, asset));
            Assert.Equal(Headers(headOnly), Headers(get));
        }

        // Only what the workers boot is served, not the rest of the image.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/assets/isolinux/isolinux.cfg")).StatusCode);
    }

    [Fact]
    public async Task OnlyAllowedNetworksMayFetchAndRefusalsAreLogged()
    {
        var log = new List<RequestLogEntry>();
        await using var server = await Start(FleetWorkers.All(), allow: AllowList.Parse(["127.0.0.1/32", "10.0.0.0/8"]), log: log);
        var port = new Uri(server.Addresses[0]).Port;
        using var inside = ClientFrom(IPAddress.Parse("127.0.0.1"), port);
        using var outside = ClientFrom(IPAddress.Parse("127.0.0.2"), port);

        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/worker-1/cloud-config.yml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/ipxe/52-54-00-c0-de-01.ipxe")).StatusCode);
        foreach (var path in new[] { "/worker-1/cloud-config.yml", "/boot.ipxe", "/assets/coreos/vmlinuz", "/health" })
        {
            var refused = await outside.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("127.0.0.2 is not in this server's --allow networks\n", await refused.Content.ReadAsStringAsync());
        }

        lock (log)
        {
            Assert.Contains(log, e => e.Remote == "127.0.0.2" && e.Target == "/worker-1/cloud-config.yml" && e.Status == 403);
            Assert.Contains(log, e => e.Remote == "127.0.0.1" && e.Target == "/worker-1/cloud-config.yml" && e.Status == 200);
        }
    }

    /// <summary>
    /// What a booting machine asks for (configs, boot.ipxe, its script at the path boot.ipxe chains to) is answered before
    /// routing; the other forms of the same request go through routes. Both give the same bytes and headers, HEAD gives
    /// the headers alone, and the request log names the worker either way.
    /// </summary>
    [Fact]
    public async Task AnswersFoundByPathAndByRouteAgreeAndAreLoggedWithTheirWorker()
    {
        var log = new List<RequestLogEntry>();
        var workers = FleetWorkers.All();
        await using var server = await Start(workers, log: log);
        using var http = Client(server);

        foreach (var (byPath, byRoute) in new[]
        {
            ("/worker-3/cloud-config.yml", "/cloud-config.yml?mac=52-54-00-C0-DE-03"),
            ("/ipxe/52-54-00-c0-de-03.ipxe?uuid=&hostname=", "/ipxe?mac=52:54:00:c0:de:03"),
            ("/ipxe/52-54-00-c0-de-03.ipxe", "/ipxe/52:54:00:C0:DE:03.ipxe"),
        })
        {
            var prepared = await http.GetAsync(byPath);
            var routed = await http.GetAsync(byRoute);
            Assert.Equal(HttpStatusCode.OK, prepared.StatusCode);
            Assert.Equal(await routed.Content.ReadAsByteArrayAsync(), await prepared.Content.ReadAsByteArrayAsync());
            Assert.Equal(Headers(routed), Headers(prepared));

            var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, byPath));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(Headers(prepared), Headers(head));
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(workers[2].ToYaml(), await http.GetStringAsync("/worker-3/cloud-config.yml"));
        var boot = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/boot.ipxe"));
        Assert.Equal("text/plain; charset=utf-8", boot.Content.Headers.ContentType?.ToString());
        Assert.Equal((await http.GetByteArrayAsync("/boot.ipxe")).Length, boot.Content.Headers.ContentLength);
        Assert.Contains("no worker matches this machine (mac 52:54:00:00:00:99)", await http.GetStringAsync("/ipxe/52-54-00-00-00-99.ipxe"), StringComparison.Ordinal);
        await http.GetAsync("/health"); // on the same connection, so the request before it has been logged

        lock (log)
        {
            Assert.Equal(2, log.Count(e => e.Target is "/cloud-config.yml?mac=52-54-00-C0-DE-03" or "/ipxe?mac=52:54:00:c0:de:03"
                && e.Worker == "worker-3" && e.Status == 200));
            Assert.Contains(log, e => e.Target == "/ipxe/52-54-00-c0-de-03.ipxe?uuid=&hostname=" && e.Method == "GET" && e.Worker == "worker-3" && e.Bytes > 0);
            Assert.Contains(log, e => e.Target == "/worker-3/cloud-config.yml" && e.Method == "HEAD" && e.Worker == "worker-3" && e.Status == 200);
            Assert.Contains(log, e => e.Target == "/boot.ipxe" && e.Worker is null && e.Status == 200);
            Assert.Contains(log, e => e.Target == "/ipxe/52-54-00-00-00-99.ipxe" && e.Worker == "(unknown machine)");
        }
    }

    /// <summary>The command line: --stock, --public-url and --allow reach the server, and a bad --allow is a usage error.</summary>
    [Fact]
    public async Task ServeStockFromTheCommandLine()
    {
        var folder = TestPaths.NewScratchDirectory("serve-stock");
        var bad = Cli.Run(Cli.Fleet, folder, "serve", "--stock", stock.IsoPath, "--allow", "10.1.2.3/24");
        Assert.Equal(WorkerHost.UsageError, bad.ExitCode);
        Assert.Contains("--allow: \"10.1.2.3/24\" is not a network in CIDR notation", bad.StandardError, StringComparison.Ordinal);

        using var process = Cli.Start(Cli.Fleet, folder, "serve", "--stock", stock.IsoPath, "--urls", "http://127.0.0.1:0",
            "--public-url", "http://boot.example.com:8080", "--allow", "127.0.0.0/8");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var first = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException(await process.StandardError.ReadToEndAsync());
            var address = new Uri(first["listening on ".Length..]);
            var lines = new List<string>();
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && line != "press Ctrl+C to stop")
            {
                lines.Add(line);
            }

            Assert.Contains($"  network boot: {address.AbsoluteUri}boot.ipxe (iPXE; kernel and initrd from {stock.IsoPath})", lines);
            Assert.Contains("  answering only 127.0.0.0/8", lines);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            Assert.Contains(" cloud-config-url=http://boot.example.com:8080/worker-1/cloud-config.yml\n",
                await http.GetStringAsync("/ipxe/52-54-00-c0-de-01.ipxe"), StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.200.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("192.168.1.7", "192.168.1.7", true)]
    [InlineData("192.168.1.7", "192.168.1.8", false)]
    [InlineData("127.0.0.1/32", "::ffff:127.0.0.1", true)]
    [InlineData("fd00::/8", "fd12::1", true)]
    public void AllowListAdmitsAddressesInsideItsNetworks(string network, string client, bool admitted) =>
        Assert.Equal(admitted, AllowList.Parse([network]).Admits(IPAddress.Parse(client)));

    [Fact]
    public void AnAllowEntryThatIsNoNetworkIsRefusedWithTheFix()
    {
        var e = Assert.Throws<UsageException>(() => AllowList.Parse(["10.1.2.3/24"]));
        Assert.StartsWith("--allow: \"10.1.2.3/24\" is not a network in CIDR notation", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWorkersWithOneUuidOrTheSameLabelsAreRefused()
    {
        var uuid = Guid.NewGuid().ToString();
        var e = Assert.Throws<UsageException>(() => new MachineMatcher([
            Worker.Define("a", _ => { }).WithUuids(uuid), Worker.Define("b", _ => { }).WithUuids(uuid)]));
        Assert.Equal($"the UUID {uuid} belongs to both a and b; a machine must map to one worker", e.Message);

        e = Assert.Throws<UsageException>(() => new MachineMatcher([
            Worker.Define("a", _ => { }).WithLabel("rack", "1"), Worker.Define("b", _ => { }).WithLabel("rack", "1")]));
        Assert.StartsWith("the workers a and b have the same labels (rack=1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AKernelMissingFromTheStockImageNamesTheWorkerAndTheFix()
    {
        var worker = Worker.Define("odd", _ => { }).WithBoot(b => b with { Kernel = "/flatcar/vmlinuz" });
        var e = Assert.Throws<InvalidDataException>(() => StockAssets.Open(stock.IsoPath, [worker]));
        Assert.Equal($"odd boots the kernel /flatcar/vmlinuz, but {stock.IsoPath} has no such file: set BootSettings.Kernel with WithBoot(...) to the stock image's path.", e.Message);
    }

    private async Task<Served> Start(IReadOnlyList<WorkerDefinition> workers, Uri? publicUrl = null, AllowList? allow = null, List<RequestLogEntry>? log = null)
    {
        var assets = StockAssets.Open(stock.IsoPath, workers);
        var server = await ConfigServer.StartAsync(workers, ["http://127.0.0.1:0"], e =>
        {
            if (log is not null)
            {
                lock (log)
                {
                    log.Add(e);
                }
            }
        }, CancellationToken.None, new NetbootSettings(assets, publicUrl), allow);
        return new Served(server, assets);
    }

    /// <summary>A running server and the stock image it reads, closed together.</summary>
    /// <summary>The response's headers that describe the file (not Date or Server), as name: values lines.</summary>
    private static string[] Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Date" or "Server" or "Transfer-Encoding"))
            .Select(h => $"{h.Key}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal)];

    private sealed class Served(ConfigServer server, StockAssets assets) : IAsyncDisposable
    {
        public IReadOnlyList<string> Addresses => server.Addresses;

        public async ValueTask DisposeAsync()
        {
            await server.DisposeAsync();
            assets.Dispose();
        }
    }

    private static HttpClient Client(Served server) => new() { BaseAddress = new Uri(server.Addresses[0]), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client whose connections come from <paramref name="source"/> (any address of 127.0.0.0/8 is the loopback interface).</summary>
    private static HttpClient ClientFrom(IPAddress source, int port)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }
}
