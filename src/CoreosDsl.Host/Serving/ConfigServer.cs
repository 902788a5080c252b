using System.Collections.Frozen;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using CoreosDsl.Host.Netboot;
using Microsoft.Extensions.DependencyInjection;

namespace CoreosDsl.Host;

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
        // Kestrel, routing and nothing else: no configuration from the environment, no logging providers, and no host
        // filtering step in front of every request (there are no AllowedHosts to check; --allow is ServeMiddleware's).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseUrls([.. urls]);
        var app = builder.Build();

        // Every worker's configs at their names and at the paths of their own config URLs, boot.ipxe and the machines'
        // scripts: one lookup, before routing (which then runs only for the rest), in the step that also applies --allow
        // and logs every request.
        var served = ServedDocuments(workers, documents, ignition, byConfigPath);
        var answers = new Dictionary<string, PreparedAnswer>(StringComparer.Ordinal);
        foreach (var (path, document) in served)
        {
            answers[path] = document;
        }

        foreach (var (path, answer) in NetbootEndpoints.PreparedAnswers(workers, netboot))
        {
            answers.TryAdd(path, answer);
        }

        app.Use(new ServeMiddleware(answers.ToFrozenDictionary(StringComparer.Ordinal), allow, log).InvokeAsync);
        app.UseRouting();

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
                return Answer(http, served["/" + NetbootPaths.CloudConfig(owner)]);
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
                ? Answer(http, served["/" + NetbootPaths.CloudConfig(worker)])
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

    /// <summary>A worker's config found by a route, answered the way every config is.</summary>
    private static IResult Answer(HttpContext http, ServedDocument document)
    {
        ServeMiddleware.NoteWorker(http, document.Worker!);
        return new PreparedResult(document);
    }

    /// <summary>A <see cref="PreparedAnswer"/> as a route's result.</summary>
    private sealed class PreparedResult(PreparedAnswer answer) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => answer.WriteAsync(httpContext);
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
