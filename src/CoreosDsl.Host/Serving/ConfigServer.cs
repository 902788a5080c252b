using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using CoreosDsl.Host.Netboot;
using Microsoft.Extensions.Logging;

namespace CoreosDsl.Host;

/// <summary>One request the server answered, for the request log.</summary>
/// <param name="Time">When it arrived (UTC).</param>
/// <param name="Remote">The client's address.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Target">The path and query.</param>
/// <param name="Status">The response status code.</param>
/// <param name="Bytes">The response body's length.</param>
/// <param name="Elapsed">How long answering took.</param>
/// <param name="Worker">The worker served, if any.</param>
internal sealed record RequestLogEntry(DateTimeOffset Time, string Remote, string Method, string Target, int Status, long Bytes, TimeSpan Elapsed, string? Worker);

/// <summary>
/// Serves the workers' cloud-configs over HTTP, as the seed's web server does: <c>GET /NAME/cloud-config.yml</c>,
/// the path of each worker's own config URL (the seed's <c>/cloud-config.yml</c>),
/// <c>GET /cloud-config.yml?mac=AA:BB:..</c> (a worker chosen by MAC address, like matchbox), <c>GET /health</c> and
/// an index at <c>GET /</c>. ASP.NET Core minimal APIs on Kestrel: a hardened HTTP/1.1 server that binds port 0
/// and reports the port it got, shuts down cleanly on Ctrl+C, and is part of the shared framework the SDK installs.
/// </summary>
internal sealed class ConfigServer : IAsyncDisposable
{
    /// <summary>The YAML content type coreos-cloudinit accepts (it reads any body).</summary>
    public const string YamlContentType = "text/yaml; charset=utf-8";

    private readonly WebApplication app;

    private ConfigServer(WebApplication app, IReadOnlyList<string> addresses, IReadOnlyDictionary<WorkerDefinition, string> configUrlPaths)
    {
        this.app = app;
        Addresses = addresses;
        ConfigUrlPathOf = configUrlPaths;
    }

    /// <summary>The addresses the server listens on, with the ports it got (<c>http://127.0.0.1:43121</c>).</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>The workers served at the path of their own config URL, with that path (see <see cref="ConfigUrlPaths"/>).</summary>
    public IReadOnlyDictionary<WorkerDefinition, string> ConfigUrlPathOf { get; }

    /// <summary>Starts serving <paramref name="workers"/> on <paramref name="urls"/>, reporting each request to <paramref name="log"/>.</summary>
    /// <param name="workers">The workers to serve.</param>
    /// <param name="urls">Where to listen.</param>
    /// <param name="log">Called with each request answered.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <param name="netboot">The network-boot assets and public URL (<c>--stock</c>, <c>--public-url</c>), or null.</param>
    /// <param name="allow">The client networks admitted (<c>--allow</c>); default: everyone.</param>
    public static async Task<ConfigServer> StartAsync(IReadOnlyList<WorkerDefinition> workers, IReadOnlyList<string> urls,
        Action<RequestLogEntry> log, CancellationToken cancellationToken, NetbootSettings? netboot = null, AllowList? allow = null)
    {
        // Emit every document once: workers are immutable, and the bytes served are the bytes 'build' writes.
        var documents = workers.ToDictionary(w => w.Name, w => Encoding.UTF8.GetBytes(w.ToYaml()), StringComparer.Ordinal);
        var ignition = workers.Where(w => w.Provisioning.HasFlag(Provisioning.Ignition))
            .ToDictionary(w => w.Name, w => Encoding.UTF8.GetBytes(w.ToIgnitionJson()), StringComparer.Ordinal);
        var matcher = new MachineMatcher(workers);
        allow ??= AllowList.Everyone;

        var byConfigPath = ConfigUrlPaths(workers);
        var pathOf = byConfigPath.ToDictionary(p => p.Value, p => p.Key);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls([.. urls]);
        var app = builder.Build();

        app.Use(async (http, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            var time = DateTimeOffset.UtcNow;
            await next(http);
            log(new RequestLogEntry(time, http.Connection.RemoteIpAddress?.ToString() ?? "-", http.Request.Method,
                http.Request.Path + http.Request.QueryString, http.Response.StatusCode, http.Response.ContentLength ?? 0,
                Stopwatch.GetElapsedTime(started), http.Items.TryGetValue("worker", out var w) ? w as string : null));
        });
        if (!allow.AdmitsEveryone)
        {
            // After the request log, so that every refusal is logged with the client's address.
            app.Use(async (http, next) =>
            {
                if (allow.Admits(http.Connection.RemoteIpAddress))
                {
                    await next(http);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync($"{http.Connection.RemoteIpAddress} is not in this server's --allow networks\n");
            });
        }

        // Every worker's configs at their names and at the paths of their own config URLs: one lookup, before routing.
        var served = ServedDocuments(workers, documents, ignition, byConfigPath);
        app.Use((http, next) =>
            (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) &&
            served.TryGetValue(http.Request.Path.Value ?? "", out var document)
                ? document.WriteAsync(http)
                : next(http));

        app.MapGet("/health", () => Json(StatusCodes.Status200OK, new JsonObject { ["status"] = "ok", ["workers"] = workers.Count }));
        app.MapGet("/", () => Json(StatusCodes.Status200OK, new JsonObject
        {
            ["workers"] = new JsonArray(workers.Select(w => (JsonNode)new JsonObject
            {
                ["name"] = w.Name,
                ["url"] = $"/{w.Name}/cloud-config.yml",
                ["configUrlPath"] = pathOf.GetValueOrDefault(w),
                ["macAddresses"] = new JsonArray(w.MacAddresses.Select(m => (JsonNode)m).ToArray()),
            }).ToArray()),
        }));
        // The lookup above answers every worker's configs, so these routes see only names no worker has: say which exist.
        app.MapGet("/{worker}/cloud-config.yml", (string worker) =>
            Text(StatusCodes.Status404NotFound, $"no worker named \"{worker}\"; this server has {string.Join(", ", workers.Select(w => w.Name))}\n"));
        app.MapGet("/{worker}/ignition.json", (string worker) =>
            Text(StatusCodes.Status404NotFound, $"no Ignition worker named \"{worker}\"; this server has {string.Join(", ", ignition.Keys)}\n"));

        app.MapGet("/cloud-config.yml", (HttpContext http, string? mac) =>
        {
            if (string.IsNullOrEmpty(mac) && byConfigPath.TryGetValue("/cloud-config.yml", out var owner))
            {
                return Yaml(http, owner.Name, documents[owner.Name]);
            }

            if (string.IsNullOrEmpty(mac))
            {
                return Text(StatusCodes.Status400BadRequest, "give the machine's MAC address: /cloud-config.yml?mac=aa:bb:cc:dd:ee:ff (or ask for /NAME/cloud-config.yml)\n");
            }

            if (MacAddress.Normalize(mac) is not { } normalized)
            {
                return Text(StatusCodes.Status400BadRequest, $"\"{mac}\" is not a MAC address (aa:bb:cc:dd:ee:ff)\n");
            }

            return matcher.Match(new MachineQuery(normalized, null, null, new Dictionary<string, string>())) is { } worker
                ? Yaml(http, worker.Name, documents[worker.Name])
                : Text(StatusCodes.Status404NotFound, $"no worker has the MAC address {normalized}\n");
        });

        NetbootEndpoints.Map(app, workers, matcher, netboot);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new UsageException($"cannot listen on {string.Join(", ", urls)}: {e.Message}", e);
        }

        var addresses = app.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is Microsoft.AspNetCore.Hosting.Server.IServer server
            && server.Features.Get<IServerAddressesFeature>() is { } feature ? feature.Addresses.ToList() : [.. urls];
        return new ConfigServer(app, addresses, pathOf);
    }

    /// <summary>
    /// The documents answered by path alone: <c>/NAME/cloud-config.yml</c>, <c>/NAME/ignition.json</c>, and the paths of
    /// the workers' own config URLs (except <c>/cloud-config.yml</c>, which also takes <c>?mac=</c>).
    /// </summary>
    private static Dictionary<string, ServedDocument> ServedDocuments(IReadOnlyList<WorkerDefinition> workers,
        Dictionary<string, byte[]> documents, Dictionary<string, byte[]> ignition, IReadOnlyDictionary<string, WorkerDefinition> byConfigPath)
    {
        var served = new Dictionary<string, ServedDocument>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            served["/" + NetbootPaths.CloudConfig(worker)] = new ServedDocument(documents[worker.Name], YamlContentType, worker.Name);
        }

        foreach (var (path, owner) in byConfigPath.Where(p => p.Key != "/cloud-config.yml"))
        {
            served.TryAdd(path, new ServedDocument(documents[owner.Name], YamlContentType, owner.Name));
        }

        // As for cloud-config URLs, a path that several workers share is left out.
        var ignitionWorkers = workers.Where(w => ignition.ContainsKey(w.Name)).ToList();
        var sharedPaths = ignitionWorkers.Where(w => w.Boot.IgnitionConfigUrl is not null)
            .GroupBy(w => w.Boot.IgnitionConfigUrl!.AbsolutePath, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        foreach (var worker in ignitionWorkers)
        {
            var document = new ServedDocument(ignition[worker.Name], CoreosDsl.Ignition.IgnitionConfig.MediaType, worker.Name);
            served["/" + NetbootPaths.IgnitionConfig(worker)] = document;
            if (worker.Boot.IgnitionConfigUrl?.AbsolutePath is { } path && path is not ("/" or "/health" or "/cloud-config.yml") && !sharedPaths.Contains(path))
            {
                served.TryAdd(path, document);
            }
        }

        return served;
    }

    /// <summary>
    /// The path of each worker's own config URL (<c>cloud-config-url=</c> of its <c>syslinux.cfg</c>), so that a
    /// machine booted with it gets its cloud-config from this server too, as from the seed's web server. A path that
    /// several workers share is left out: only their names or MAC addresses can tell them apart.
    /// </summary>
    public static IReadOnlyDictionary<string, WorkerDefinition> ConfigUrlPaths(IReadOnlyList<WorkerDefinition> workers) =>
        workers
            .Where(w => w.Boot.ConfigUrl is { IsAbsoluteUri: true })
            .GroupBy(w => w.Boot.ConfigUrl!.AbsolutePath, StringComparer.Ordinal)
            .Where(g => g.Count() == 1 && g.Key is not ("/" or "/health"))
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

    /// <summary>True when <paramref name="url"/> binds only loopback addresses.</summary>
    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Serves until <paramref name="cancellationToken"/> fires or the process is told to stop (Ctrl+C, SIGTERM), then stops gracefully.</summary>
    public async Task RunUntilCancelledAsync(CancellationToken cancellationToken)
    {
        // The host's console lifetime takes SIGINT/SIGTERM for itself and signals ApplicationStopping.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static IResult Yaml(HttpContext http, string worker, byte[] yaml)
    {
        http.Items["worker"] = worker;
        return Results.Bytes(yaml, YamlContentType);
    }

    private static IResult Text(int status, string text) => Results.Text(text, "text/plain; charset=utf-8", Encoding.UTF8, status);

    private static IResult Json(int status, JsonObject body) => Results.Text(body.ToJsonString() + "\n", "application/json", Encoding.UTF8, status);
}

/// <summary>MAC addresses as the server compares them: six lower-case hex pairs joined by ':'.</summary>
internal static class MacAddress
{
    /// <summary>Accepts <c>aa:bb:cc:dd:ee:ff</c>, <c>AA-BB-CC-DD-EE-FF</c> and <c>aabbccddeeff</c>; null for anything else.</summary>
    public static string? Normalize(string text)
    {
        var hex = text.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return hex.Length == 12 && hex.All(Uri.IsHexDigit)
            ? string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2)))
            : null;
    }
}
