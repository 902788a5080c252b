using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;
using CoreosDsl.Ignition.Validation;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// <c>validate [FILE.yml] [--dialect coreos|flatcar] [--strict] [--worker NAME] [--json]</c>: checks each worker
/// (the runtime twin of the analyzers plus the cloud-config validator, with diagnostic IDs), or an existing
/// cloud-config file with coreos-cloudinit's rules and the unit rules of the analyzers (<see cref="CloudConfigUnitChecks"/>),
/// rendered like Butane (file, line, the source line, a caret).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(HostContext context)
    {
        var file = new Argument<string?>("file")
        {
            Description = "An existing cloud-config file (or Ignition config: .json, .ign; or Butane config: .bu, variant: flatcar) to check instead of the workers.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dialect = CommonOptions.Dialect();
        var strict = new Option<bool>("--strict") { Description = "Fail (exit 1) on warnings too, not only on errors." };
        var worker = CommonOptions.Worker();
        var json = CommonOptions.Json();
        var command = new Command("validate", "Check the workers, or a cloud-config, Ignition or Butane file; exits 1 when an error is found.")
        {
            file, dialect, strict, worker, json,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(file) is not null && r.GetValue(worker) is { Length: > 0 })
            {
                r.AddError("--worker selects workers to check, but FILE.yml is checked instead of the workers; give one or the other (to compare a file with a worker, use 'diff FILE.yml --worker NAME')");
            }
        });
        command.SetAction(result =>
        {
            var path = result.GetValue(file);
            return path is null
                ? RunWorkers(context, result.GetValue(dialect), result.GetValue(strict), result.GetValue(worker), result.GetValue(json))
                : RunFile(context, path, result.GetValue(dialect), result.GetValue(strict), result.GetValue(json));
        });
        return command;
    }

    private static int RunFile(HostContext context, string path, CloudConfigDialect dialect, bool strict, bool json)
    {
        var bytes = CommonOptions.ReadInputBytes(path);
        if (IsIgnition(path, bytes))
        {
            return RunIgnitionFile(context, path, bytes, strict, json);
        }

        // The bytes decoded as File.ReadAllText decodes a file (UTF-8, or the encoding its byte order mark names).
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        if (ButaneImport.IsButane(path, text))
        {
            return RunButaneFile(context, path, text, strict, json);
        }

        var report = CloudConfigUnitChecks.Check(CloudConfigValidator.Validate(bytes, dialect));
        var failed = strict ? report.Entries.Count > 0 : report.HasErrors;
        var console = context.Console;
        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["file"] = path,
                ["dialect"] = dialect.ToString().ToLowerInvariant(),
                ["kind"] = report.Kind.ToString(),
                ["ok"] = !failed,
                ["entries"] = JsonNode.Parse(report.ToJson()),
            });
        }
        else if (report.Entries.Count == 0)
        {
            console.Line($"[green]{Markup.Escape(path)}: ok[/]", $"{path}: ok");
        }
        else
        {
            console.Out.Write(report.Render(path));
        }

        return failed ? WorkerHost.Problems : WorkerHost.Success;
    }

    /// <summary>An Ignition config: named <c>.json</c> or <c>.ign</c>, or a file whose content is a JSON object.</summary>
    private static bool IsIgnition(string path, byte[] bytes) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".ign", StringComparison.OrdinalIgnoreCase)
        || IgnitionValidator.LooksLikeIgnition(bytes);

    /// <summary>A Butane config (<c>variant: flatcar</c>), checked by <see cref="ButaneValidation"/>; local files are relative to the file's folder.</summary>
    private static int RunButaneFile(HostContext context, string path, string text, bool strict, bool json)
    {
        var console = context.Console;
        var result = ButaneValidation.Validate(text, Path.GetDirectoryName(path) is { Length: > 0 } dir ? dir : ".");
        if (result.Refusal is { } refusal)
        {
            if (json)
            {
                console.WriteJson(new JsonObject
                {
                    ["file"] = path,
                    ["kind"] = "Butane",
                    ["ok"] = false,
                    ["entries"] = new JsonArray(new JsonObject { ["kind"] = "error", ["message"] = refusal, ["rule"] = "butane" }),
                });
            }
            else
            {
                console.Out.Write($"error[butane]: {path}: {refusal}\n{path}: 1 error(s), 0 warning(s)\n");
            }

            return WorkerHost.Problems;
        }

        var report = result.Report!;
        // Findings in the translation point at the pretty-printed Ignition config Butane would write.
        return WriteIgnitionReport(context, path, report, strict, json, "Butane", $"Butane, Ignition {report.Version}", $"{path} (as Ignition {report.Version})");
    }

    /// <summary>
    /// An Ignition config, checked with ignition-validate's rules plus the unit-content checks of the analyzers
    /// (<see cref="IgnitionFileValidation"/>), rendered like the cloud-config findings.
    /// </summary>
    private static int RunIgnitionFile(HostContext context, string path, byte[] bytes, bool strict, bool json)
    {
        var report = IgnitionFileValidation.Validate(bytes);
        return WriteIgnitionReport(context, path, report, strict, json, "Ignition", $"Ignition {report.Version}", path);
    }

    /// <summary>
    /// Writes an Ignition report (of an Ignition file, or of the config a Butane file becomes) as JSON, as one ok line
    /// (<paramref name="okWhat"/> in parentheses), or rendered with carets under <paramref name="renderName"/>.
    /// </summary>
    private static int WriteIgnitionReport(HostContext context, string path, IgnitionValidationReport report, bool strict, bool json,
        string kind, string okWhat, string renderName)
    {
        var failed = strict ? report.Entries.Count > 0 : report.HasErrors;
        var console = context.Console;
        if (json)
        {
            console.WriteJson(new JsonObject
            {
                ["file"] = path,
                ["kind"] = kind,
                ["version"] = report.Version,
                ["ok"] = !failed,
                ["entries"] = JsonNode.Parse(report.ToJson()),
            });
        }
        else if (report.Entries.Count == 0)
        {
            console.Line($"[green]{Markup.Escape(path)}: ok ({Markup.Escape(okWhat)})[/]", $"{path}: ok ({okWhat})");
        }
        else
        {
            console.Out.Write(report.Render(renderName));
        }

        return failed ? WorkerHost.Problems : WorkerHost.Success;
    }

    private static int RunWorkers(HostContext context, CloudConfigDialect dialect, bool strict, string[]? names, bool json)
    {
        var console = context.Console;
        var status = WorkerHost.Success;
        var report = new JsonArray();
        foreach (var worker in context.Select(names))
        {
            var diagnostics = worker.Validate(dialect);
            var errors = diagnostics.Count(d => d.Severity == WorkerDiagnosticSeverity.Error);
            var warnings = diagnostics.Count(d => d.Severity == WorkerDiagnosticSeverity.Warning);
            if (errors > 0 || strict && diagnostics.Count > 0)
            {
                status = WorkerHost.Problems;
            }

            report.Add(new JsonObject
            {
                ["name"] = worker.Name,
                ["errors"] = errors,
                ["warnings"] = warnings,
                ["diagnostics"] = new JsonArray(diagnostics.Select(d => (JsonNode)new JsonObject
                {
                    ["id"] = d.Id,
                    ["severity"] = d.Severity.ToString().ToLowerInvariant(),
                    ["where"] = d.Where,
                    ["message"] = d.Message,
                }).ToArray()),
            });
            if (json)
            {
                continue;
            }

            var summary = string.Create(CultureInfo.InvariantCulture, $"{errors} error(s), {warnings} warning(s), {diagnostics.Count - errors - warnings} info(s)");
            if (console.Interactive)
            {
                if (diagnostics.Count == 0)
                {
                    console.Ansi.MarkupLine($"[green]{Markup.Escape(worker.Name)}: ok[/]");
                    continue;
                }

                var table = new Table().Title(Markup.Escape(worker.Name)).AddColumns("Severity", "ID", "Where", "Message");
                foreach (var d in diagnostics)
                {
                    var colour = d.Severity switch
                    {
                        WorkerDiagnosticSeverity.Error => "red",
                        WorkerDiagnosticSeverity.Warning => "yellow",
                        _ => "blue",
                    };
                    table.AddRow($"[{colour}]{d.Severity.ToString().ToLowerInvariant()}[/]", Markup.Escape(d.Id), Markup.Escape(d.Where), Markup.Escape(d.Message));
                }

                console.Ansi.Write(table);
                console.Ansi.MarkupLine($"{Markup.Escape(worker.Name)}: {summary}");
            }
            else if (diagnostics.Count == 0)
            {
                console.Out.WriteLine($"{worker.Name}: ok");
            }
            else
            {
                foreach (var d in diagnostics)
                {
                    console.Out.WriteLine($"{worker.Name}: {d}");
                }

                console.Out.WriteLine($"{worker.Name}: {summary}");
            }
        }

        if (json)
        {
            console.WriteJson(new JsonObject { ["ok"] = status == WorkerHost.Success, ["workers"] = report });
        }

        return status;
    }
}
