using System.CommandLine;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>diff FILE.yml [--worker NAME] [--dialect] [--json]</c>: how a deployed cloud-config differs from what the
/// worker emits now, key by key, with unified diffs of unit contents. Exits 1 when they differ.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(HostContext context)
    {
        var file = new Argument<string>("file") { Description = "The deployed cloud-config (from the web server, a config drive or a machine)." };
        var worker = CommonOptions.Worker("The worker it was deployed from (needed when the project has several).");
        var dialect = CommonOptions.Dialect();
        var json = CommonOptions.Json();
        var command = new Command("diff", "Show how a deployed cloud-config differs from what a worker emits now; exits 1 when they differ.")
        {
            file, worker, dialect, json,
        };
        command.SetAction(result => Run(context, result.GetValue(file)!, result.GetValue(worker), result.GetValue(dialect), result.GetValue(json)));
        return command;
    }

    private static int Run(HostContext context, string file, string[]? names, CloudConfigDialect dialect, bool json)
    {
        var worker = context.SelectOne(names, "diff");
        var text = CommonOptions.ReadInputFile(file);
        ConfigMapping deployed;
        try
        {
            deployed = CloudConfigYaml.Read(text, dialect);
        }
        catch (YamlSyntaxException e)
        {
            throw new UsageException($"{file}: {e.Message}", e);
        }

        // Compare what the machine would read: the worker's YAML read back by the same reader.
        var emitted = CloudConfigYaml.Read(worker.ToYaml(), dialect);
        var changes = ConfigTreeDiff.Compare(deployed, emitted);
        var console = context.Console;
        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["file"] = file,
                ["worker"] = worker.Name,
                ["identical"] = changes.Count == 0,
                ["changes"] = new JsonArray(changes.Select(c => (JsonNode)new JsonObject
                {
                    ["path"] = c.Path,
                    ["kind"] = c.Kind.ToString().ToLowerInvariant(),
                    ["deployed"] = c.Deployed,
                    ["worker"] = c.Emitted,
                    ["diff"] = c.TextDiff,
                }).ToArray()),
            });
            return changes.Count == 0 ? WorkerHost.Success : WorkerHost.Problems;
        }

        if (changes.Count == 0)
        {
            console.Line($"[green]{Markup.Escape(file)} is what {Markup.Escape(worker.Name)} emits[/]", $"{file} is what {worker.Name} emits");
            return WorkerHost.Success;
        }

        console.Line($"--- {file} (deployed)");
        console.Line($"+++ {worker.Name} (emitted now)");
        foreach (var change in changes)
        {
            var (sign, colour, line) = change.Kind switch
            {
                ChangeKind.Added => ("+", "green", $"{change.Path}: {change.Emitted}"),
                ChangeKind.Removed => ("-", "red", $"{change.Path}: {change.Deployed}"),
                ChangeKind.Renamed => ("~", "yellow", $"{change.Path}: key renamed {change.Deployed} -> {change.Emitted} (Flatcar reads only the underscore form)"),
                ChangeKind.Reordered => ("~", "yellow", $"{change.Path}: order {change.Deployed} -> {change.Emitted}"),
                _ when change.TextDiff is not null => ("~", "yellow", $"{change.Path}:"),
                _ => ("~", "yellow", $"{change.Path}: {change.Deployed} -> {change.Emitted}"),
            };
            console.Line($"[{colour}]{sign} {Markup.Escape(line)}[/]", $"{sign} {line}");
            if (change.TextDiff is { } diff)
            {
                foreach (var diffLine in diff.TrimEnd('\n').Split('\n').Skip(2))
                {
                    var lineColour = diffLine.StartsWith('+') ? "green" : diffLine.StartsWith('-') ? "red" : diffLine.StartsWith('@') ? "cyan" : "default";
                    console.Line($"    [{lineColour}]{Markup.Escape(diffLine)}[/]", "    " + diffLine);
                }
            }
        }

        console.Line($"{changes.Count} difference(s)");
        return WorkerHost.Problems;
    }
}
