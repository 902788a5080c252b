using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.Host.Netboot;
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
        var stock = CommonOptions.Stock("Network boot: serve /boot.ipxe, a script per machine and the kernel and initrd of this stock CoreOS/Flatcar ISO (read in place).");
        var publicUrl = CommonOptions.PublicUrl("The URL machines reach this server at, for the kernel, initrd and config URLs of the scripts; default: the Host of each request.");
        var allow = new Option<string[]>("--allow")
        {
            Description = "Answer only clients in these networks (CIDR, repeatable: 10.0.0.0/8 192.168.1.0/24); others get 403, logged.",
            HelpName = "CIDR",
            AllowMultipleArgumentsPerToken = true,
        };
        var worker = CommonOptions.Worker("Serve only this worker (repeatable); default: all.");
        var json = CommonOptions.Json();
        json.Description = "Log as JSON lines (one object per event) on standard output.";
        var command = new Command("serve", "Serve each worker's cloud-config over HTTP (GET /NAME/cloud-config.yml, the path of its config URL, " +
            "GET /cloud-config.yml?mac=..., GET /health) and, with --stock, network-boot it with iPXE (GET /boot.ipxe).")
        {
            urls, stock, publicUrl, allow, worker, json,
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
        command.SetAction((result, cancellationToken) => RunAsync(context, new Settings(result.GetValue(urls)!, result.GetValue(stock),
            result.GetValue(publicUrl), result.GetValue(allow) ?? [], result.GetValue(worker), result.GetValue(json)), cancellationToken));
        return command;
    }

    private sealed record Settings(string[] Urls, string? Stock, Uri? PublicUrl, string[] Allow, string[]? Workers, bool Json);

    private static async Task<int> RunAsync(HostContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (urls, json) = (settings.Urls, settings.Json);
        var console = context.Console;
        var workers = context.Select(settings.Workers);
        var allow = AllowList.Parse(settings.Allow);
        foreach (var url in urls.Where(u => !ConfigServer.IsLoopback(u)))
        {
            if (allow.AdmitsEveryone)
            {
                console.WriteWarning($"{url} is reachable from other machines and no --allow limits who may fetch: anyone who can connect reads these " +
                    "cloud-configs (SSH keys, tokens, write_files); add --allow CIDR with the network of the machines you boot");
            }
        }

        using var assets = settings.Stock is null ? null : StockAssets.Open(settings.Stock, workers);
        var netboot = assets is null ? null : new NetbootSettings(assets, settings.PublicUrl);
        var gate = new object();
        var text = new StringBuilder();
        await using var requestLog = new RequestLog((batch, dropped) =>
        {
            lock (gate)
            {
                if (dropped > 0)
                {
                    console.WriteWarning($"{dropped} requests were not logged: the log's output did not keep up");
                }

                if (console.Interactive && !json)
                {
                    foreach (var entry in batch)
                    {
                        LogInteractive(console, entry);
                    }
                }
                else
                {
                    // A log file, pipe or collector: the whole batch as one write (standard output flushes on every write).
                    text.Clear();
                    foreach (var entry in batch)
                    {
                        if (json)
                        {
                            text.Append(HostConsole.JsonLine(RequestLogFormat.Json(entry))).Append('\n');
                        }
                        else
                        {
                            RequestLogFormat.AppendPlain(text, entry).AppendLine();
                        }
                    }

                    console.Out.Write(text);
                }

                console.Out.Flush();
            }
        });
        await using var server = await ConfigServer.StartAsync(workers, urls, requestLog.Add, cancellationToken, netboot, allow);

        lock (gate)
        {
            if (json)
            {
                console.WriteJsonLine(new JsonObject
                {
                    ["event"] = "listening",
                    ["addresses"] = new JsonArray(server.Addresses.Select(a => (JsonNode)a).ToArray()),
                    ["workers"] = new JsonArray(workers.Select(w => (JsonNode)w.Name).ToArray()),
                    ["bootScript"] = netboot is null ? null : $"{server.Addresses[0].TrimEnd('/')}/{NetbootPaths.BootScript}",
                    ["allow"] = new JsonArray(allow.Networks.Select(n => (JsonNode)n.ToString()).ToArray()),
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

                if (netboot is not null)
                {
                    console.Line($"  network boot: {server.Addresses[0].TrimEnd('/')}/{NetbootPaths.BootScript} (iPXE; kernel and initrd from {settings.Stock})");
                }

                if (!allow.AdmitsEveryone)
                {
                    console.Line($"  answering only {string.Join(", ", allow.Networks)}");
                }

                console.Line("[grey]press Ctrl+C to stop[/]", "press Ctrl+C to stop");
            }

            console.Out.Flush();
        }

        await server.RunUntilCancelledAsync(cancellationToken);
        await requestLog.DisposeAsync(); // every answered request is logged before "stopped"
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

    private static void LogInteractive(HostConsole console, in RequestLogEntry entry)
    {
        var text = RequestLogFormat.Plain(entry);
        var colour = entry.Status < 400 ? "green" : entry.Status < 500 ? "yellow" : "red";
        console.Line(Markup.Escape(text).Replace($" {entry.Status} ", $" [{colour}]{entry.Status}[/] ", StringComparison.Ordinal), text);
    }
}
