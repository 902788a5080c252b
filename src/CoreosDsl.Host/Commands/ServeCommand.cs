using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>serve [--urls http://127.0.0.1:8080] [--worker NAME] [--json]</c>: serves the workers' cloud-configs over HTTP
/// until Ctrl+C, logging each request. Loopback only unless other addresses are asked for.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The default address: loopback, so nothing is exposed by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static Command Create(HostContext context)
    {
        var urls = new Option<string[]>("--urls")
        {
            Description = $"Where to listen (repeatable; port 0 picks a free port). Default: {DefaultUrl}. Other than loopback, anyone who can reach it reads the cloud-configs.",
            HelpName = "URL",
            DefaultValueFactory = _ => [DefaultUrl],
        };
        var worker = CommonOptions.Worker("Serve only this worker (repeatable); default: all.");
        var json = CommonOptions.Json();
        json.Description = "Log as JSON lines (one object per event) on standard output.";
        var command = new Command("serve", "Serve each worker's cloud-config over HTTP: GET /NAME/cloud-config.yml, the path of its config URL, GET /cloud-config.yml?mac=..., GET /health.")
        {
            urls, worker, json,
        };
        command.Validators.Add(r =>
        {
            foreach (var url in r.GetValue(urls) ?? [])
            {
                if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                    || uri.Scheme != "http" || uri.AbsolutePath != "/")
                {
                    r.AddError($"--urls: \"{url}\" is not an http://HOST:PORT address (https needs a certificate; put a proxy in front)");
                }
            }
        });
        command.SetAction((result, cancellationToken) => RunAsync(context, result.GetValue(urls)!, result.GetValue(worker), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(HostContext context, string[] urls, string[]? names, bool json, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var workers = context.Select(names);
        foreach (var url in urls.Where(u => !ConfigServer.IsLoopback(u)))
        {
            console.WriteWarning($"{url} is reachable from other machines: anyone who can connect reads these cloud-configs (SSH keys, tokens)");
        }

        var gate = new object();
        await using var server = await ConfigServer.StartAsync(workers, urls, entry =>
        {
            lock (gate)
            {
                Log(console, json, entry);
            }
        }, cancellationToken);

        lock (gate)
        {
            if (json)
            {
                console.WriteJsonLine(new JsonObject
                {
                    ["event"] = "listening",
                    ["addresses"] = new JsonArray(server.Addresses.Select(a => (JsonNode)a).ToArray()),
                    ["workers"] = new JsonArray(workers.Select(w => (JsonNode)w.Name).ToArray()),
                });
            }
            else
            {
                foreach (var address in server.Addresses)
                {
                    console.Line($"listening on [bold]{Markup.Escape(address)}[/]", $"listening on {address}");
                }

                foreach (var worker in workers)
                {
                    var macs = worker.MacAddresses.Count > 0 ? $" (mac {string.Join(", ", worker.MacAddresses)})" : "";
                    var own = server.ConfigUrlPathOf.GetValueOrDefault(worker) is { } path && path != $"/{worker.Name}/cloud-config.yml"
                        ? $" and {server.Addresses[0].TrimEnd('/')}{path} (its config URL)"
                        : "";
                    console.Line($"  {server.Addresses[0].TrimEnd('/')}/{worker.Name}/cloud-config.yml{own}{macs}");
                }

                console.Line("[grey]press Ctrl+C to stop[/]", "press Ctrl+C to stop");
            }

            console.Out.Flush();
        }

        await server.RunUntilCancelledAsync(cancellationToken);
        lock (gate)
        {
            if (json)
            {
                console.WriteJsonLine(new JsonObject { ["event"] = "stopped" });
            }
            else
            {
                console.Line("stopped");
            }

            console.Out.Flush();
        }

        return WorkerHost.Success;
    }

    private static void Log(HostConsole console, bool json, RequestLogEntry entry)
    {
        if (json)
        {
            console.WriteJsonLine(new JsonObject
            {
                ["event"] = "request",
                ["time"] = entry.Time.ToString("O", CultureInfo.InvariantCulture),
                ["remote"] = entry.Remote,
                ["method"] = entry.Method,
                ["target"] = entry.Target,
                ["status"] = entry.Status,
                ["bytes"] = entry.Bytes,
                ["ms"] = Math.Round(entry.Elapsed.TotalMilliseconds, 3),
                ["worker"] = entry.Worker,
            });
        }
        else
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{entry.Time:yyyy-MM-ddTHH:mm:ssZ} {entry.Remote} {entry.Method} {entry.Target} {entry.Status} {entry.Bytes}B {entry.Elapsed.TotalMilliseconds:0.0}ms{(entry.Worker is null ? "" : " worker=" + entry.Worker)}");
            var colour = entry.Status < 400 ? "green" : entry.Status < 500 ? "yellow" : "red";
            console.Line(Markup.Escape(text).Replace($" {entry.Status} ", $" [{colour}]{entry.Status}[/] ", StringComparison.Ordinal), text);
        }

        console.Out.Flush();
    }
}
