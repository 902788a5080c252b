using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary><c>build [--out DIR] [--worker NAME] [--json]</c>: writes each worker's files under <c>DIR/NAME/</c>.</summary>
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
        var worker = CommonOptions.Worker();
        var json = CommonOptions.Json();
        var command = new Command("build", "Write cloud-config.yml, the unit files and syslinux.cfg of each worker (the default command).")
        {
            output,
            worker,
            json,
        };
        command.SetAction(result => Run(context, result.GetValue(output)!, result.GetValue(worker), result.GetValue(json)));
        return command;
    }

    private static int Run(HostContext context, string output, string[]? names, bool json)
    {
        var console = context.Console;
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

        if (json)
        {
            console.WriteJson(new JsonObject { ["workers"] = report });
        }
        else if (console.Interactive)
        {
            console.Ansi.Write(table);
        }

        return WorkerHost.Success;
    }
}
