using System.CommandLine;
using System.Text.Json.Nodes;
using CoreosDsl.Host.Netboot;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>build [--out DIR] [--worker NAME] [--json] [--netboot --stock STOCK.iso --public-url URL]</c>: writes each worker's
/// files under <c>DIR/NAME/</c>, and with <c>--netboot</c> a static network boot beside them (see <see cref="Netboot.NetbootExport"/>).
/// </summary>
internal static class BuildCommand
{
    public static Command Create(HostContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "The folder to write into; each worker gets a subfolder.",
            DefaultValueFactory = _ => "out",
            HelpName = "DIR",
        };
        var netboot = new Option<bool>("--netboot")
        {
            Description = "Also write a static network boot next to the workers' folders: boot.ipxe, ipxe/MAC.ipxe, assets/ (kernel and initrd " +
                "of --stock) and dnsmasq.conf, for any web server to serve at --public-url.",
        };
        var stock = CommonOptions.Stock("With --netboot: the stock CoreOS/Flatcar ISO whose kernel and initrd the workers boot.");
        var publicUrl = CommonOptions.PublicUrl("With --netboot: the URL the machines fetch the output folder from (kernel, initrd and config URLs of the scripts).");
        var worker = CommonOptions.Worker();
        var json = CommonOptions.Json();
        var command = new Command("build", "Write cloud-config.yml and/or ignition.json, the unit files and syslinux.cfg of each worker (the default command); with --netboot, a static network boot.")
        {
            output,
            netboot,
            stock,
            publicUrl,
            worker,
            json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(netboot) && (r.GetResult(stock) is null || r.GetResult(publicUrl) is null))
            {
                r.AddError("--netboot needs --stock STOCK.iso (the kernel and initrd to copy) and --public-url URL (where the machines will fetch the folder from)");
            }
            else if (!r.GetValue(netboot) && (r.GetResult(stock) is not null || r.GetResult(publicUrl) is not null))
            {
                r.AddError("--stock and --public-url belong to --netboot; add --netboot, or use 'image' for boot images");
            }
        });
        command.SetAction((result, cancellationToken) => Task.FromResult(Run(context, result.GetValue(output)!, result.GetValue(worker), result.GetValue(json),
            result.GetValue(netboot) ? (result.GetValue(stock)!, result.GetValue(publicUrl)!) : null, cancellationToken)));
        return command;
    }

    private static int Run(HostContext context, string output, string[]? names, bool json, (string Stock, Uri PublicUrl)? netboot, CancellationToken cancellationToken)
    {
        var console = context.Console;
        // The stock image is checked before anything is written, so that a wrong --stock leaves the folder as it was.
        using var assets = netboot is { } stockAndUrl ? StockAssets.Open(stockAndUrl.Stock, context.Select(names)) : null;
        var report = new JsonArray();
        var table = new Table().AddColumns("Worker", "Files", "Folder");
        foreach (var worker in context.Select(names))
        {
            var folder = Path.Combine(output, worker.Name);
            var written = worker.Files().WriteTo(folder);
            var full = Path.GetFullPath(folder);
            report.Add(new JsonObject
            {
                ["name"] = worker.Name,
                ["folder"] = full,
                ["files"] = new JsonArray(written.Select(p => (JsonNode)Path.GetRelativePath(full, p).Replace('\\', '/')).ToArray()),
            });
            if (!json && !console.Interactive)
            {
                console.Out.WriteLine($"{worker.Name}: wrote {written.Count} files to {full}");
                foreach (var path in written)
                {
                    console.Out.WriteLine($"  {Path.GetRelativePath(full, path).Replace('\\', '/')}");
                }
            }

            table.AddRow(Markup.Escape(worker.Name), written.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(full));
        }

        JsonArray? netbootReport = null;
        if (netboot is { } nb)
        {
            var written = NetbootExport.Write(output, context.Select(names), assets!, nb.PublicUrl, cancellationToken);
            netbootReport = new JsonArray(written.Select(p => (JsonNode)p).ToArray());
            if (!json)
            {
                console.Out.WriteLine($"netboot: wrote {written.Count} files to {Path.GetFullPath(output)} for {nb.PublicUrl.AbsoluteUri}{NetbootPaths.BootScript}");
                foreach (var path in written)
                {
                    console.Out.WriteLine($"  {path}");
                }
            }
        }

        if (json)
        {
            var document = new JsonObject { ["workers"] = report };
            if (netbootReport is not null)
            {
                document["netboot"] = netbootReport;
            }

            console.WriteJson(document);
        }
        else if (console.Interactive)
        {
            console.Ansi.Write(table);
        }

        return WorkerHost.Success;
    }
}
