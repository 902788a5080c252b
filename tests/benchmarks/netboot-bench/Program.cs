using System.Diagnostics;
using System.Globalization;
using System.Net;
using CoreosDsl;
using CoreosDsl.Host;
using Fleet;

// tests/benchmarks/netboot.sh runs these:
//   build N OUT [build options...]   a definitions project of N workers made by examples/Fleet's function: 'build'
//   serve N STOCK.iso                the same project: 'serve --stock' on 127.0.0.1 (a free port, printed)
//   load N STOCK.iso                 starts 'serve' as a child process and measures it with a bounded load generator
var invariant = CultureInfo.InvariantCulture;
switch (args)
{
    case ["build", var n, var output, .. var rest]:
        return WorkerHost.Run(["build", "--out", output, .. rest], Generated.Workers(int.Parse(n, invariant)));
    case ["serve", var n, var stock]:
        return WorkerHost.Run(["serve", "--stock", stock, "--urls", "http://127.0.0.1:0"], Generated.Workers(int.Parse(n, invariant)));
    case ["load", var n, var stock]:
        await Load.RunAsync(int.Parse(n, invariant), stock);
        return 0;
    default:
        Console.Error.WriteLine("usage: NetbootBench build N OUT [options] | serve N STOCK.iso | load N STOCK.iso");
        return 2;
}

/// <summary>The fleet of the benchmark: N machines through examples/Fleet's own function.</summary>
internal static class Generated
{
    public static IReadOnlyList<WorkerDefinition> Workers(int count) =>
        FleetWorkers.All(Enumerable.Range(1, count).Select(i => new Machine(Name(i), Mac(i), i % 10 == 0 ? "ingress" : "batch")).ToList());

    public static string Name(int i) => $"worker-{i:D4}";

    public static string Mac(int i) => $"52:54:00:{i >> 16 & 0xff:x2}:{i >> 8 & 0xff:x2}:{i & 0xff:x2}";
}

/// <summary>
/// A bounded load generator against 127.0.0.1: a fixed number of requests from a fixed number of clients, never
/// open-ended, never another address.
/// </summary>
internal static class Load
{
    private const int ConfigClients = 50;
    private const int RequestsPerConfigClient = 400;
    private const int AssetClients = 16;
    private const int DownloadsPerAssetClient = 40;

    public static async Task RunAsync(int workers, string stock)
    {
        var self = typeof(Load).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { self, "serve", workers.ToString(CultureInfo.InvariantCulture), stock })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COREOSDSL_CONSOLE"] = "plain";
        using var server = Process.Start(start)!;
        try
        {
            var first = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(await server.StandardError.ReadToEndAsync());
            var address = new Uri(first["listening on ".Length..]);
            if (!IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
            {
                throw new InvalidOperationException($"refusing to load {address}: loopback only");
            }

            // The request log goes to standard output: drain it, as a terminal or a log collector would.
            _ = Task.Run(async () =>
            {
                var buffer = new char[1 << 16];
                while (await server.StandardOutput.ReadAsync(buffer) > 0)
                {
                }
            });
            Console.WriteLine($"serve: {workers} workers, pid {server.Id}, {address}; startup RSS {Rss(server.Id) / 1048576.0:0.0} MiB");
            await ConfigsAsync(address, workers);
            await AssetsAsync(address, server.Id);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>Configs and per-machine scripts of random workers, 50 clients at once; latency percentiles.</summary>
    private static async Task ConfigsAsync(Uri address, int workers)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = ConfigClients }) { BaseAddress = address };
        async Task<List<double>> Client(int seed, int requests)
        {
            var random = new Random(seed);
            var latencies = new List<double>(requests);
            for (var r = 0; r < requests; r++)
            {
                var i = random.Next(1, workers + 1);
                var path = r % 2 == 0 ? $"/{Generated.Name(i)}/cloud-config.yml" : $"/ipxe/{Generated.Mac(i).Replace(':', '-')}.ipxe";
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{path}: {response.StatusCode}");
                }
            }

            return latencies;
        }

        await Task.WhenAll(Enumerable.Range(0, ConfigClients).Select(c => Client(1000 + c, 40))); // warm-up: JIT, connections
        var wall = Stopwatch.StartNew();
        var all = (await Task.WhenAll(Enumerable.Range(0, ConfigClients).Select(c => Client(c, RequestsPerConfigClient)))).SelectMany(l => l).Order().ToList();
        wall.Stop();
        double P(double q) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(q * all.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"configs+scripts: {all.Count} requests, {ConfigClients} clients, {all.Count / wall.Elapsed.TotalSeconds:0} req/s; latency p50 {P(0.50):0.00} ms, p99 {P(0.99):0.00} ms, max {all[^1]:0.00} ms"));
    }

    /// <summary>The kernel, 16 clients downloading it at once; throughput and the server's resident memory over time.</summary>
    private static async Task AssetsAsync(Uri address, int serverPid)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = AssetClients }) { BaseAddress = address };
        const string path = "/assets/coreos/vmlinuz";
        async Task<long> Client(int downloads)
        {
            var buffer = new byte[1 << 16];
            long total = 0;
            for (var d = 0; d < downloads; d++)
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    total += read;
                }
            }

            return total;
        }

        await Task.WhenAll(Enumerable.Range(0, AssetClients).Select(_ => Client(2)));
        var before = Rss(serverPid);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(serverPid));
                await Task.Delay(50);
            }
        });
        var wall = Stopwatch.StartNew();
        var bytes = (await Task.WhenAll(Enumerable.Range(0, AssetClients).Select(_ => Client(DownloadsPerAssetClient)))).Sum();
        wall.Stop();
        await sampling.CancelAsync();
        await sampler;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"kernel downloads: {AssetClients} clients x {DownloadsPerAssetClient}, {bytes / 1e9:0.00} GB in {wall.Elapsed.TotalSeconds:0.00} s = {bytes / 1e9 / wall.Elapsed.TotalSeconds:0.00} GB/s; " +
            $"server RSS {before / 1048576.0:0.0} MiB before, peak {peak / 1048576.0:0.0} MiB during"));
    }

    /// <summary>A process's resident set (VmRSS) in bytes.</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
