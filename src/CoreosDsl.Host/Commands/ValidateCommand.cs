using System.CommandLine;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.Host;

/// <summary>
/// <c>validate [FILE.yml] [--dialect coreos|flatcar]</c>: checks each worker's emitted cloud-config, or an
/// existing cloud-config file, with the rules of coreos-cloudinit's validator; a worker also gets the analyzers'
/// rules (CDSL2xx) on what it built, for values computed at run time.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(HostContext context)
    {
        var file = new Argument<string?>("file")
        {
            Description = "An existing cloud-config file to check instead of the workers.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var dialect = new Option<CloudConfigDialect>("--dialect")
        {
            Description = "Whose rules: CoreOS (coreos-cloudinit 2018) or Flatcar (today's fork).",
            DefaultValueFactory = _ => CloudConfigDialect.Flatcar,
        };
        var worker = new Option<string[]>("--worker", "-w") { Description = "Only these workers; default: all." };
        var command = new Command("validate", "Check cloud-configs; exits 1 when an error is found.") { file, dialect, worker };
        command.SetAction(result => Run(context, result.GetValue(file), result.GetValue(dialect), result.GetValue(worker)));
        return command;
    }

    private static int Run(HostContext context, string? file, CloudConfigDialect dialect, string[]? names)
    {
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                context.Error.WriteLine($"error: {file}: no such file");
                return WorkerHost.UsageError;
            }

            var text = File.ReadAllText(file);
            return Report(context, file, text, CloudConfigValidator.Validate(text, dialect));
        }

        var workers = context.Select(names);
        if (workers is null)
        {
            return WorkerHost.UsageError;
        }

        var status = WorkerHost.Success;
        foreach (var worker in workers)
        {
            var yaml = worker.ToYaml();
            status = Math.Max(status, Report(context, $"{worker.Name}/cloud-config.yml", yaml, CloudConfigValidator.Validate(yaml, dialect)));
            status = Math.Max(status, ReportRules(context, worker, dialect));
        }

        return status;
    }

    /// <summary>The analyzers' rules on the built worker (the runtime twin, CDSL2xx): values computed at run time.</summary>
    private static int ReportRules(HostContext context, WorkerDefinition worker, CloudConfigDialect dialect)
    {
        var findings = worker.Validate(dialect).Where(d => d.Id.StartsWith("CDSL", StringComparison.Ordinal)).ToList();
        foreach (var finding in findings)
        {
            context.Out.WriteLine($"{worker.Name}: {finding}");
        }

        return findings.Any(f => f.Severity == WorkerDiagnosticSeverity.Error) ? WorkerHost.Problems : WorkerHost.Success;
    }

    private static int Report(HostContext context, string name, string text, ValidationReport report)
    {
        if (report.Entries.Count == 0)
        {
            context.Out.WriteLine($"{name}: ok");
            return WorkerHost.Success;
        }

        context.Out.Write(report.Render(name));
        return report.HasErrors ? WorkerHost.Problems : WorkerHost.Success;
    }
}
