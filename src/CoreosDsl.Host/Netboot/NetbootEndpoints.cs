using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host.Netboot;

/// <summary>What <c>serve --stock</c> adds for a network boot: the stock image's files and where the machines reach the server.</summary>
/// <param name="Assets">The kernels and initrds, read from the stock ISO.</param>
/// <param name="PublicUrl">The base URL machines use (<c>--public-url</c>), or null to take it from each request's Host.</param>
internal sealed record NetbootSettings(StockAssets Assets, Uri? PublicUrl)
{
    /// <summary>The per-machine scripts, rendered once per base URL and shared by every endpoint that answers them.</summary>
    public MachineScripts Scripts { get; } = new(PublicUrl);
}

/// <summary>
/// The network-boot endpoints of <c>serve</c>: <c>GET /boot.ipxe</c>, the per-machine scripts
/// <c>GET /ipxe/52-54-00-c0-de-01.ipxe</c> and <c>GET /ipxe?mac=..&amp;uuid=..&amp;hostname=..&amp;LABEL=..</c> (matchbox's
/// form), and the kernel and initrd under <c>/assets/</c> (GET and HEAD, byte ranges, ETag and Last-Modified, 304).
/// </summary>
internal static class NetbootEndpoints
{
    /// <summary>iPXE reads any content type; this one shows as text in a browser.</summary>
    public const string ScriptContentType = "text/plain; charset=utf-8";

    /// <summary>Maps the endpoints; without <paramref name="settings"/> they explain that <c>--stock</c> turns them on.</summary>
    public static void Map(WebApplication app, IReadOnlyList<WorkerDefinition> workers, MachineMatcher matcher, NetbootSettings? settings)
    {
        if (settings is null)
        {
            IResult Off() => Results.Text("network boot is off: start serve with --stock STOCK.iso to serve iPXE scripts, kernel and initrd\n",
                ScriptContentType, Encoding.UTF8, StatusCodes.Status404NotFound);
            app.MapGet("/" + NetbootPaths.BootScript, Off);
            app.MapGet("/" + NetbootPaths.ScriptFolder, Off);
            app.MapGet($"/{NetbootPaths.ScriptFolder}/{{file}}", Off);
            return;
        }

        // boot.ipxe and the scripts at the paths boot.ipxe chains to are answered before routing (PreparedAnswers);
        // these routes answer the other forms: the query, other spellings of a MAC address, unknown machines.
        var scripts = settings.Scripts;
        app.MapGet("/" + NetbootPaths.ScriptFolder, (HttpContext http) =>
            Script(http, workers, matcher, scripts, MachineMatcher.Read(Parameters(http))));
        app.MapGet($"/{NetbootPaths.ScriptFolder}/{{file}}", (HttpContext http, string file) =>
        {
            // ipxe/52-54-00-c0-de-01.ipxe (boot.ipxe's chain) or ipxe/unknown.ipxe (its fallback, answered the same way).
            // A known MAC in the path decides alone (it is matched first), so the query is read only when it does not.
            var name = file.EndsWith(".ipxe", StringComparison.Ordinal) ? file[..^".ipxe".Length] : file;
            var query = MacAddress.Normalize(name) is { } mac ? MachineQuery.OfMac(mac) : null;
            if (query is null || matcher.Match(query) is null)
            {
                query = MachineMatcher.Read(Parameters(http), name == "unknown" ? null : name);
            }

            return Script(http, workers, matcher, scripts, query);
        });
        foreach (var (urlPath, asset) in settings.Assets.ByUrlPath)
        {
            app.MapMethods("/" + urlPath, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => AssetDownload.Send(http, asset));
        }
    }

    /// <summary>
    /// The answers found by path alone, before routing: <c>/boot.ipxe</c>, and the script of each worker's MAC address
    /// at the path boot.ipxe chains to (<c>/ipxe/52-54-00-c0-de-01.ipxe</c>, whatever the query: a known MAC decides
    /// alone). None without <paramref name="settings"/>.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, PreparedAnswer>> PreparedAnswers(IReadOnlyList<WorkerDefinition> workers, NetbootSettings? settings)
    {
        if (settings is null)
        {
            yield break;
        }

        yield return new("/" + NetbootPaths.BootScript, new ServedDocument(Encoding.UTF8.GetBytes(IpxeScripts.Boot()), ScriptContentType, null));
        foreach (var worker in workers)
        {
            var answer = new MachineScriptAnswer(worker, settings.Scripts);
            foreach (var mac in worker.MacAddresses)
            {
                yield return new("/" + NetbootPaths.MachineScript(mac), answer);
            }
        }
    }

    /// <summary>The base URL of this server as the machine reached it: <c>--public-url</c>, else the request's Host.</summary>
    public static Uri BaseUrl(HttpContext http, Uri? publicUrl)
    {
        if (publicUrl is not null)
        {
            return publicUrl;
        }

        var host = http.Request.Host.HasValue ? http.Request.Host.Value : $"{http.Connection.LocalIpAddress}:{http.Connection.LocalPort}";
        return new Uri($"{http.Request.Scheme}://{host}/");
    }

    private static IResult Script(HttpContext http, IReadOnlyList<WorkerDefinition> workers, MachineMatcher matcher, MachineScripts scripts, MachineQuery query)
    {
        if (matcher.Match(query) is not { } worker)
        {
            ServeMiddleware.NoteWorker(http, "(unknown machine)");
            return Results.Text(IpxeScripts.Unknown(query.Describe(), workers), ScriptContentType, Encoding.UTF8);
        }

        ServeMiddleware.NoteWorker(http, worker.Name);
        return Results.Bytes(scripts.For(worker, http), ScriptContentType);
    }

    /// <summary>A worker's script, rendered for the base URL of each request (once per base URL, see <see cref="MachineScripts"/>).</summary>
    private sealed class MachineScriptAnswer(WorkerDefinition worker, MachineScripts scripts) : PreparedAnswer(worker.Name)
    {
        public override Task WriteAsync(HttpContext http) => Write(http, scripts.For(worker, http), ScriptContentType);
    }

    private static IEnumerable<KeyValuePair<string, string>> Parameters(HttpContext http) =>
        http.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.FirstOrDefault() ?? ""));
}
