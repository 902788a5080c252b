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
        ServerStats.AnswerOnStandardInput();
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
/// A bounded load against 127.0.0.1: wrk (C, epoll; the usual HTTP benchmark tool) with a fixed number of connections
/// for a fixed time, never open-ended, never another address. wrk rather than HttpClient because on a small machine the
/// load generator shares the CPUs with the server: HttpClient spent about as much CPU per request as the server did.
/// </summary>
internal static class Load
{
    private const int ConfigClients = 50;
    private const int AssetClients = 16;
    private const int Seconds = 10;

    /// <summary>
    /// The load before each measured one (NETBOOT_WARMUP seconds, default 5): connections opened, and the JIT's tiering
    /// of the hot path finished. The server is measured in its steady state; on a loaded 2-core machine the JIT's
    /// background compiler was still using a fifth of the server's CPU 8 s into the load.
    /// </summary>
    private static readonly int WarmUpSeconds = int.Parse(Environment.GetEnvironmentVariable("NETBOOT_WARMUP") ?? "5", CultureInfo.InvariantCulture);

    public static async Task RunAsync(int workers, string stock)
    {
        // NETBOOT_SERVER: the NetbootBench.dll of another build to run as the server, for A/B rounds with one load generator.
        var self = Environment.GetEnvironmentVariable("NETBOOT_SERVER") ?? typeof(Load).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { self, "serve", workers.ToString(CultureInfo.InvariantCulture), stock })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["COREOSDSL_CONSOLE"] = "plain";
        using var server = Process.Start(start)!;
        try
        {
            var stats = new ServerStats(server);
            var first = await server.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException(stats.ErrorText);
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

            // Configs and per-machine scripts of random workers, 50 connections at once: latency percentiles.
            await WrkAsync(address, ConfigClients, WarmUpSeconds, "configs", workers.ToString(CultureInfo.InvariantCulture));
            var gcBefore = await stats.ReadAsync();
            var cpu = Cpu.Of(server.Id);
            var configs = await WrkAsync(address, ConfigClients, Seconds, "configs", workers.ToString(CultureInfo.InvariantCulture));
            var serverCpu = cpu.Since();
            var gc = (await stats.ReadAsync()).Since(gcBefore);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"configs+scripts: {configs.Requests} requests in {configs.Seconds:0.0} s, {ConfigClients} connections, {configs.Requests / configs.Seconds:0} req/s; " +
                $"latency p50 {configs.P50:0.00} ms, p90 {configs.P90:0.00} ms, p99 {configs.P99:0.00} ms, max {configs.Max:0.00} ms; " +
                $"server CPU {serverCpu.TotalMicroseconds / configs.Requests:0} µs per request, allocated {gc.Allocated / (double)configs.Requests:0} B per request, " +
                $"{gc.Gen0} gen0 / {gc.Gen1} gen1 / {gc.Gen2} gen2 GCs, GC pauses {gc.PauseMs:0.0} ms in all"));

            // The kernel, 16 connections downloading it over and over: throughput and the server's resident memory over time.
            const string path = "/assets/coreos/vmlinuz";
            await WrkAsync(address, AssetClients, WarmUpSeconds, "asset", path);
            var before = Rss(server.Id);
            var peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Rss(server.Id));
                    await Task.Delay(50);
                }
            });
            cpu = Cpu.Of(server.Id);
            var assets = await WrkAsync(address, AssetClients, Seconds, "asset", path);
            serverCpu = cpu.Since();
            await sampling.CancelAsync();
            await sampler;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"kernel downloads: {AssetClients} connections, {assets.Requests} downloads, {assets.Bytes / 1e9:0.00} GB in {assets.Seconds:0.00} s = {assets.Bytes / 1e9 / assets.Seconds:0.00} GB/s; " +
                $"server RSS {before / 1048576.0:0.0} MiB before, peak {peak / 1048576.0:0.0} MiB during; server CPU {serverCpu.TotalSeconds / (assets.Bytes / 1e9):0.00} s per GB"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    /// <summary>What one wrk run measured (latencies in milliseconds).</summary>
    private sealed record WrkResult(long Requests, long Bytes, double Seconds, double P50, double P90, double P99, double Max);

    /// <summary>Runs wrk with load.lua for <paramref name="seconds"/>; fails on any error or non-2xx answer.</summary>
    private static async Task<WrkResult> WrkAsync(Uri address, int connections, int seconds, params string[] scriptArguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "load.lua");
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "-T", "30s", "-s", script, address.ToString(), "--" }.Concat(scriptArguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("cannot start wrk (apt-get install wrk)");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}{await wrk.StandardError.ReadToEndAsync()}");
        var values = line["RESULT ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        if (values["errors"] > 0)
        {
            throw new InvalidOperationException($"wrk saw {values["errors"]} errors or non-2xx answers:\n{output}");
        }

        return new WrkResult((long)values["requests"], (long)values["bytes"], values["seconds"],
            values["p50"] / 1000, values["p90"] / 1000, values["p99"] / 1000, values["max"] / 1000);
    }

    /// <summary>A process's resident set (VmRSS) in bytes.</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>
/// The server's garbage-collector counters, read inside its process: the bench's 'serve' answers a "stats" line on its
/// standard input with one "STATS ..." line on standard error. Bytes allocated per request do not depend on what else
/// the machine runs, so they compare builds exactly where CPU and latency cannot.
/// </summary>
internal sealed class ServerStats
{
    private readonly Process server;
    private readonly System.Threading.Channels.Channel<string> lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
    private readonly System.Text.StringBuilder errors = new();

    public ServerStats(Process server)
    {
        this.server = server;
        _ = Task.Run(async () =>
        {
            while (await server.StandardError.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("STATS ", StringComparison.Ordinal))
                {
                    lines.Writer.TryWrite(line);
                }
                else
                {
                    lock (errors)
                    {
                        errors.AppendLine(line);
                    }
                }
            }
        });
    }

    /// <summary>What the server wrote on standard error besides its counters.</summary>
    public string ErrorText
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>One reading of the server's counters.</summary>
    public sealed record Reading(long Allocated, int Gen0, int Gen1, int Gen2, double PauseMs)
    {
        public Reading Since(Reading before) =>
            new(Allocated - before.Allocated, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, PauseMs - before.PauseMs);
    }

    public async Task<Reading> ReadAsync()
    {
        await server.StandardInput.WriteLineAsync("stats");
        await server.StandardInput.FlushAsync();
        var line = await lines.Reader.ReadAsync();
        var values = line["STATS ".Length..].Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        return new Reading((long)values["allocated"], (int)values["gen0"], (int)values["gen1"], (int)values["gen2"], values["pausems"]);
    }

    /// <summary>In the server's process: answers each "stats" line of standard input, on a thread of its own.</summary>
    public static void AnswerOnStandardInput() =>
        new Thread(() =>
        {
            while (Console.In.ReadLine() is { } line)
            {
                if (line == "stats")
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"STATS allocated={GC.GetTotalAllocatedBytes(precise: true)} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)} pausems={GC.GetTotalPauseDuration().TotalMilliseconds}"));
                }
            }
        }) { IsBackground = true, Name = "bench stats" }.Start();
}

/// <summary>
/// CPU time the server used since a starting point. On a machine shared with other work the wall-clock numbers follow
/// the load; CPU per request and per GB do not, so they compare changes fairly.
/// </summary>
internal sealed class Cpu
{
    private readonly int serverPid;
    private readonly TimeSpan start;

    private Cpu(int serverPid)
    {
        this.serverPid = serverPid;
        start = Used(serverPid);
    }

    public static Cpu Of(int serverPid) => new(serverPid);

    public TimeSpan Since() => Used(serverPid) - start;

    /// <summary>utime + stime of /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s), read after the command's closing parenthesis.</summary>
    private static TimeSpan Used(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
