using System.CommandLine;

namespace CoreosDsl.Host;

/// <summary><c>build [--out DIR] [--worker NAME]</c>: writes each worker's files under <c>DIR/NAME/</c>.</summary>
internal static class BuildCommand
{
    public static Command Create(HostContext context)
    {
        var output = new Option<string>("--out", "-o")
        {
            Description = "The folder to write into; each worker gets a subfolder.",
            DefaultValueFactory = _ => "out",
        };
        var worker = new Option<string[]>("--worker", "-w")
        {
            Description = "Only these workers (repeatable); default: all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("build", "Write cloud-config.yml, the unit files and syslinux.cfg of each worker.")
        {
            output,
            worker,
        };
        command.SetAction(result => Run(context, result.GetValue(output)!, result.GetValue(worker)));
        return command;
    }

    private static int Run(HostContext context, string output, string[]? names)
    {
        var workers = context.Select(names);
        if (workers is null)
        {
            return WorkerHost.UsageError;
        }

        foreach (var worker in workers)
        {
            var folder = Path.Combine(output, worker.Name);
            var written = worker.Files().WriteTo(folder);
            context.Out.WriteLine($"{worker.Name}: wrote {written.Count} files to {Path.GetFullPath(folder)}");
            foreach (var path in written)
            {
                context.Out.WriteLine($"  {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
            }
        }

        return WorkerHost.Success;
    }
}
