using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CoreosDsl.Host.Netboot;

/// <summary>
/// The per-machine iPXE scripts of <c>serve</c>, each rendered once per base URL and then answered from memory. A
/// script depends only on its worker and on the base URL the machine reached the server by (<c>--public-url</c>, or
/// the request's scheme and Host), so a fleet booting through one address renders each script once.
/// </summary>
internal sealed class MachineScripts(Uri? publicUrl)
{
    /// <summary>
    /// How many distinct base URLs are cached. The Host header is the client's to choose: beyond this many, scripts
    /// are rendered per request instead of growing the cache.
    /// </summary>
    private const int MaxBaseUrls = 16;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<WorkerDefinition, byte[]>> byBaseUrl = new(StringComparer.Ordinal);

    /// <summary>The script that boots <paramref name="worker"/>, with URLs on this server as <paramref name="http"/> reached it.</summary>
    public byte[] For(WorkerDefinition worker, HttpContext http)
    {
        var key = publicUrl is not null ? "" : http.Request.IsHttps ? "https " + http.Request.Host.Value : http.Request.Host.Value ?? "";
        if (!byBaseUrl.TryGetValue(key, out var scripts))
        {
            if (byBaseUrl.Count >= MaxBaseUrls)
            {
                return Render(worker, http);
            }

            scripts = byBaseUrl.GetOrAdd(key, _ => new ConcurrentDictionary<WorkerDefinition, byte[]>(ReferenceEqualityComparer.Instance));
        }

        return scripts.GetOrAdd(worker, static (w, state) => state.Scripts.Render(w, state.Http), (Scripts: this, Http: http));
    }

    private byte[] Render(WorkerDefinition worker, HttpContext http) =>
        Encoding.UTF8.GetBytes(IpxeScripts.Machine(worker, NetbootEndpoints.BaseUrl(http, publicUrl)));
}
