using CoreosDsl.IO;
using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;

namespace CoreosDsl.Host;

/// <summary>
/// <c>import FILE.yml [--out FILE.cs] [--name NAME] [--class NAME] [--namespace NS] [--dialect] [--json]</c>: writes
/// C# that builds the same cloud-config with the typed builders, for migrating an existing worker.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(HostContext context)
    {
        var file = new Argument<string>("file") { Description = "The existing cloud-config to turn into C#." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the C# here instead of to standard output.", HelpName = "FILE.cs" };
        var name = new Option<string?>("--name") { Description = "The worker's name; default: the file's hostname, else the file name.", HelpName = "NAME" };
        var className = new Option<string?>("--class") { Description = "The class holding Define(); default: from the worker's name.", HelpName = "NAME" };
        var ns = new Option<string?>("--namespace") { Description = "The namespace of the class; default: the project's root namespace.", HelpName = "NS" };
        var dialect = CommonOptions.Dialect();
        var json = CommonOptions.Json();
        var command = new Command("import", "Turn an existing cloud-config into C# that builds it with the typed builders (round-trip checked).")
        {
            file, output, name, className, ns, dialect, json,
        };
        command.SetAction(result => Run(context, result.GetValue(file)!, result.GetValue(output), result.GetValue(name), result.GetValue(className),
            result.GetValue(ns), result.GetValue(dialect), result.GetValue(json)));
        return command;
    }

    private static int Run(HostContext context, string file, string? output, string? name, string? className, string? ns, CloudConfigDialect dialect, bool json)
    {
        var text = CommonOptions.ReadInputFile(file);
        var firstLine = text.Split('\n', 2)[0];
        if (firstLine.TrimEnd() != "#cloud-config" && firstLine.Trim() == "#cloud-config")
        {
            // coreos-cloudinit: the first line, trailing white space trimmed, must be the header; leading is not trimmed.
            throw new UsageException($"{file}:1: the #cloud-config header is indented; coreos-cloudinit takes user-data as a cloud-config " +
                "only when its first line is the header, so it would not apply this file: remove the white space before it");
        }

        ConfigMapping input;
        try
        {
            input = CloudConfigYaml.Read(text, dialect);
        }
        catch (YamlSyntaxException e)
        {
            throw new UsageException($"{file}: {e.Message}", e);
        }

        var workerName = name ?? DefaultName(input, file);
        try
        {
            Worker.Define(workerName, _ => { });
        }
        catch (WorkerDefinitionException e)
        {
            throw new UsageException($"\"{workerName}\" is {e.Rule}; choose one with --name", e);
        }

        var entry = Assembly.GetEntryAssembly();
        var targetNamespace = ns ?? entry?.GetName().Name?.Replace('-', '_');
        var targetClass = className ?? ClassName(workerName);
        if (className is null && entry?.GetType(targetNamespace is null ? targetClass : $"{targetNamespace}.{targetClass}") is not null)
        {
            // The project already has a class of that name (often the worker being migrated): do not clash with it.
            targetClass = "Imported" + targetClass;
        }

        var result = CloudConfigImporter.Import(text, new ImportOptions
        {
            WorkerName = workerName,
            ClassName = targetClass,
            Namespace = targetNamespace,
            SourceName = Path.GetFileName(file),
            Dialect = dialect,
            UnitBuilders = entry,
        });

        var console = context.Console;
        if (output is not null)
        {
            AtomicFile.WriteAllText(output, result.Source);
        }

        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["file"] = file,
                ["worker"] = workerName,
                ["output"] = output is null ? null : Path.GetFullPath(output),
                ["source"] = output is null ? result.Source : null,
                ["notes"] = new JsonArray(result.Notes.Select(n => (JsonNode)n).ToArray()),
            });
        }
        else if (output is null)
        {
            console.Out.Write(result.Source);
        }
        else
        {
            console.Line($"wrote {Path.GetFullPath(output)} (worker \"{workerName}\")");
            foreach (var note in result.Notes)
            {
                console.Line($"  review: {note}");
            }
        }

        return WorkerHost.Success;
    }

    /// <summary>The file's <c>hostname</c> when it is a worker name, else the file name cleaned into one.</summary>
    private static string DefaultName(ConfigMapping input, string file)
    {
        if (input.TryGet("hostname", out var host) && host is ConfigScalar { Value.Length: > 0 } h)
        {
            var label = h.Value.Split('.')[0];
            if (Clean(label) == label)
            {
                return label;
            }
        }

        var stem = Clean(Path.GetFileNameWithoutExtension(file));
        return stem is "" or "cloud-config" or "user-data" or "user_data" ? "imported-worker" : stem;
    }

    private static string Clean(string text)
    {
        var cleaned = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return cleaned.Length > 63 ? cleaned[..63].Trim('-') : cleaned;
    }

    private static string ClassName(string workerName) =>
        string.Concat(workerName.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..])) is var pascal && char.IsAsciiDigit(pascal[0])
            ? "Worker" + pascal
            : pascal;
}
