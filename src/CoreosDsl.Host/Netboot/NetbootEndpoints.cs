using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host.Netboot;

/// <summary>What <c>serve --stock</c> adds for a network boot: the stock image's files and where the machines reach the server.</summary>
/// <param name="Assets">The kernels and initrds, read from the stock ISO.</param>
/// <param name="PublicUrl">The base URL machines use (<c>--public-url</c>), or null to take it from each request's Host.</param>
internal sealed record NetbootSettings(StockAssets Assets, Uri? PublicUrl);

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

        var bootScript = Encoding.UTF8.GetBytes(IpxeScripts.Boot());
        var scripts = new MachineScripts(settings.PublicUrl);
        app.MapGet("/" + NetbootPaths.BootScript, () => Results.Bytes(bootScript, ScriptContentType));
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
            http.Items["worker"] = "(unknown machine)";
            return Results.Text(IpxeScripts.Unknown(query.Describe(), workers), ScriptContentType, Encoding.UTF8);
        }

        http.Items["worker"] = worker.Name;
        return Results.Bytes(scripts.For(worker, http), ScriptContentType);
    }

    private static IEnumerable<KeyValuePair<string, string>> Parameters(HttpContext http) =>
        http.Request.Query.Select(q => new KeyValuePair<string, string>(q.Key, q.Value.FirstOrDefault() ?? ""));
}
