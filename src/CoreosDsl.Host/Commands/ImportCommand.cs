using CoreosDsl.IO;
using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Ignition.Validation;

namespace CoreosDsl.Host;

/// <summary>
/// <c>import FILE.yml [--out FILE.cs] [--name NAME] [--class NAME] [--namespace NS] [--dialect] [--json]</c>: writes
/// C# that builds the same cloud-config with the typed builders, for migrating an existing worker.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(HostContext context)
    {
        var file = new Argument<string>("file") { Description = "The existing cloud-config, Ignition config (.json, .ign) or Butane config (.bu, variant: flatcar) to turn into C#." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the C# here instead of to standard output.", HelpName = "FILE.cs" };
        var name = new Option<string?>("--name") { Description = "The worker's name; default: the file's hostname, else the file name.", HelpName = "NAME" };
        var className = new Option<string?>("--class") { Description = "The class holding Define(); default: from the worker's name.", HelpName = "NAME" };
        var ns = new Option<string?>("--namespace") { Description = "The namespace of the class; default: the project's root namespace.", HelpName = "NS" };
        var dialect = CommonOptions.Dialect();
        var json = CommonOptions.Json();
        var command = new Command("import", "Turn an existing cloud-config, Ignition config (.json, .ign) or Butane config (variant: flatcar) into C# that builds it with the typed builders (round-trip checked).")
        {
            file, output, name, className, ns, dialect, json,
        };
        command.SetAction(result => Run(context, result.GetValue(file)!, result.GetValue(output), result.GetValue(name), result.GetValue(className),
            result.GetValue(ns), result.GetValue(dialect), result.GetValue(json)));
        return command;
    }

    private static int Run(HostContext context, string file, string? output, string? name, string? className, string? ns, CloudConfigDialect dialect, bool json)
    {
        var bytes = CommonOptions.ReadInputBytes(file);
        if (IsIgnition(file, bytes))
        {
            return RunIgnition(context, file, bytes, output, name, className, ns, json);
        }

        var text = CommonOptions.ReadInputFile(file);
        if (ButaneImport.IsButane(file, text))
        {
            return RunButane(context, file, text, output, name, className, ns, json);
        }

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

        var options = Options(file, name ?? DefaultName(input, file), className, ns) with { Dialect = dialect };
        var result = CloudConfigImporter.Import(text, options);
        return Report(context, file, options.WorkerName, output, result.Source, result.Notes, json);
    }

    /// <summary>
    /// An Ignition config: named <c>.json</c> or <c>.ign</c>, or a file whose content is a JSON object (as
    /// <c>validate</c> decides).
    /// </summary>
    private static bool IsIgnition(string path, byte[] bytes) =>
        Path.GetExtension(path) is ".json" or ".ign" || IgnitionValidator.LooksLikeIgnition(bytes);

    /// <summary>An Ignition config: checked with ignition-validate's rules first (an import of a config Ignition refuses would not help), then imported.</summary>
    private static int RunIgnition(HostContext context, string file, byte[] bytes, string? output, string? name, string? className, string? ns, bool json)
    {
        var report = IgnitionValidator.Validate(bytes);
        if (report.HasErrors)
        {
            throw new UsageException($"{file}: Ignition would refuse this config, so there is nothing to import yet; fix it first:\n{report.Render(Path.GetFileName(file)).TrimEnd('\n')}");
        }

        var config = (JsonObject)JsonNode.Parse(bytes)!;
        var options = Options(file, name ?? IgnitionName(config, file), className, ns);
        var result = IgnitionImporter.Import(config, options);
        var notes = report.Entries.Select(e => $"{e.JsonPath}: ignition-validate warns: {e.FullMessage}").Concat(result.Notes).ToList();
        return Report(context, file, options.WorkerName, output, result.Source, notes, json);
    }

    /// <summary>A Butane config (<c>variant: flatcar</c>): translated as Butane would, then imported with its sugar kept (inline and local contents).</summary>
    private static int RunButane(HostContext context, string file, string text, string? output, string? name, string? className, string? ns, bool json)
    {
        ButaneTranslation translation;
        try
        {
            translation = ButaneImport.Translate(text, Path.GetDirectoryName(file) is { Length: > 0 } dir ? dir : ".");
        }
        catch (ButaneException e)
        {
            throw new UsageException($"{file}:{e.Message}", e);
        }

        var options = Options(file, name ?? IgnitionName(translation.Config, file), className, ns);
        var result = IgnitionImporter.Import(translation.Config, options, translation.LocalFiles, "Butane config");
        return Report(context, file, options.WorkerName, output, result.Source, [.. translation.Notes, .. result.Notes], json);
    }

    /// <summary>The import's names: the worker's (checked), the class's (not clashing with one of the project's), the namespace.</summary>
    private static ImportOptions Options(string file, string workerName, string? className, string? ns)
    {
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

        return new ImportOptions
        {
            WorkerName = workerName,
            ClassName = targetClass,
            Namespace = targetNamespace,
            SourceName = Path.GetFileName(file),
            UnitBuilders = entry,
        };
    }

    /// <summary>Writes the source (to the file or standard output) and the review notes.</summary>
    private static int Report(HostContext context, string file, string workerName, string? output, string source, IReadOnlyList<string> notes, bool json)
    {
        var console = context.Console;
        if (output is not null)
        {
            AtomicFile.WriteAllText(output, source);
        }

        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["file"] = file,
                ["worker"] = workerName,
                ["output"] = output is null ? null : Path.GetFullPath(output),
                ["source"] = output is null ? source : null,
                ["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray()),
            });
        }
        else if (output is null)
        {
            console.Out.Write(source);
        }
        else
        {
            console.Line($"wrote {Path.GetFullPath(output)} (worker \"{workerName}\")");
            foreach (var note in notes)
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

    /// <summary>The host name of /etc/hostname when the config writes it inline and it is a worker name, else the file name cleaned into one.</summary>
    private static string IgnitionName(JsonObject config, string file)
    {
        if (config["storage"]?["files"] is JsonArray files)
        {
            foreach (var item in files.OfType<JsonObject>())
            {
                if (item["path"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && item["path"]!.GetValue<string>() == "/etc/hostname"
                    && item["contents"]?["source"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && item["contents"]?["compression"] is null or JsonValue
                    && Ignition.DataUrl.TryDecode(item["contents"]!["source"]!.GetValue<string>()) is { } bytes)
                {
                    var label = Encoding.UTF8.GetString(bytes).Trim().Split('.')[0];
                    if (label.Length > 0 && Clean(label) == label)
                    {
                        return label;
                    }
                }
            }
        }

        var stem = Clean(Path.GetFileNameWithoutExtension(file));
        return stem is "" or "config" or "ignition" or "user-data" or "user_data" ? "imported-worker" : stem;
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
