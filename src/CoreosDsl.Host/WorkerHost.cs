using System.CommandLine;
using System.Runtime.InteropServices;
using CoreosDsl.Fat;

namespace CoreosDsl.Host;

/// <summary>
/// The command line of a definitions project: <c>Program.cs</c> hands its workers to <c>Run</c> and everything
/// else happens through <c>dotnet run -- COMMAND</c> (<c>build</c>, <c>validate</c>, <c>image</c>, <c>serve</c>,
/// <c>flash</c>, <c>import</c>, <c>diff</c>). Without a command, <c>build</c> runs. See docs/cli.md.
/// </summary>
public static class WorkerHost
{
    /// <summary>Exit code: success.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the command ran and found problems (validation errors, differences, an unsafe device, a failed verify).</summary>
    public const int Problems = 1;

    /// <summary>Exit code: bad usage or input (unknown option or worker, missing or unreadable file, bad stock image).</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Exit code: a worker definition failed (a <see cref="WorkerDefinitionException"/>: a value the builders refuse,
    /// an invalid worker name, or the code that makes the workers threw); the message names the place. Like
    /// sysexits' EX_DATAERR.
    /// </summary>
    public const int DefinitionError = 65;

    /// <summary>Exit code: a bug in CoreosDsl (an unexpected exception); the message asks for a report.</summary>
    public const int InternalError = 70;

    /// <summary>Exit code: interrupted (Ctrl+C); nothing half-written is left behind.</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the command in <paramref name="args"/> over <paramref name="workers"/> and returns the exit code.</summary>
    public static int Run(string[] args, params WorkerDefinition[] workers) => Run(args, (IEnumerable<WorkerDefinition>)workers);

    /// <summary>Runs the command in <paramref name="args"/> over <paramref name="workers"/> and returns the exit code.</summary>
    /// <remarks>
    /// Prefer <see cref="Run(string[], Func{IEnumerable{WorkerDefinition}})"/>: here the workers are made before
    /// the host runs, so a definition that throws ends the process before the host can report it.
    /// </remarks>
    public static int Run(string[] args, IEnumerable<WorkerDefinition> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        return Run(args, () => workers);
    }

    /// <summary>
    /// Runs the command in <paramref name="args"/> over the worker <paramref name="define"/> makes and returns the
    /// exit code: <c>return WorkerHost.Run(args, MyWorkers.Define);</c>. The definition runs when a command needs
    /// it, so <c>--help</c> always works and a definition that throws is reported with its place and exit code
    /// <see cref="DefinitionError"/> instead of a stack trace.
    /// </summary>
    public static int Run(string[] args, Func<WorkerDefinition> define)
    {
        ArgumentNullException.ThrowIfNull(define);
        return Run(args, () => [define()]);
    }

    /// <summary>
    /// Runs the command in <paramref name="args"/> over the workers <paramref name="define"/> makes and returns the
    /// exit code: <c>return WorkerHost.Run(args, FleetWorkers.All);</c>. The definitions run when a command needs
    /// them, so <c>--help</c> always works and a definition that throws is reported with its place and exit code
    /// <see cref="DefinitionError"/> instead of a stack trace.
    /// </summary>
    public static int Run(string[] args, Func<IEnumerable<WorkerDefinition>> define)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(define);
        return Run(args, define, HostConsole.ForProcess());
    }

    internal static int Run(string[] args, IReadOnlyList<WorkerDefinition> workers, HostConsole console) => Run(args, () => workers, console);

    internal static int Run(string[] args, Func<IEnumerable<WorkerDefinition>> define, HostConsole console)
    {
        var context = new HostContext(define, console);
        var root = new RootCommand("Builds, checks, images and serves the CoreOS/Flatcar workers defined in this project.\n" +
            "Exit codes: 0 success, 1 problems found (validate, diff, flash), 2 bad usage or input, 65 a worker definition " +
            "failed, 70 a bug in CoreosDsl, 130 interrupted. See docs/cli.md.")
        {
            BuildCommand.Create(context),
            ValidateCommand.Create(context),
            ImageCommand.Create(context),
            ServeCommand.Create(context),
            FlashCommand.Create(context),
            ImportCommand.Create(context),
            DiffCommand.Create(context),
        };

        // No command means build, with its defaults.
        var effective = args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")
            ? ["build", .. args]
            : args;
        var parsed = root.Parse(effective);
        if (parsed.Errors.Count > 0)
        {
            // "Required command was not provided" only repeats what an unknown word already says.
            var errors = parsed.Errors.Count > 1 ? parsed.Errors.Where(e => e.Message != "Required command was not provided.").ToList() : [.. parsed.Errors];
            foreach (var error in errors)
            {
                console.WriteError(error.Message);
            }

            var names = new List<string>();
            for (var result = parsed.CommandResult; result.Command != root; result = (System.CommandLine.Parsing.CommandResult)result.Parent!)
            {
                names.Insert(0, result.Command.Name);
            }

            console.Error.WriteLine($"Run with '{string.Join(' ', [.. names, "--help"])}' for usage.");
            return UsageError;
        }

        // Ctrl+C and SIGTERM cancel the command's token and the command ends itself: an image deletes its temporary
        // file, flash says how far it got. (System.CommandLine's own handler would return 130 at once and end the
        // process under the running work.) A second one ends the process at once, e.g. while a prompt waits.
        using var interrupted = new CancellationTokenSource();
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = !interrupted.IsCancellationRequested;
            interrupted.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        try
        {
            return parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            }, interrupted.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (Classify(e) is { } code)
        {
            if (code == Cancelled)
            {
                console.WriteError("cancelled; nothing was left half-written");
            }
            else
            {
                console.WriteError(e.Message);
            }

            return code;
        }
        catch (Exception e)
        {
            console.WriteError($"internal error, please report it: {e}");
            return InternalError;
        }
    }

    /// <summary>The exit code of an expected failure, or null for a bug.</summary>
    private static int? Classify(Exception e) => e switch
    {
        OperationCanceledException => Cancelled,
        WorkerDefinitionException => DefinitionError,
        UsageException or CoreosDsl.Images.ExternalToolException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException => UsageError,
        FatCapacityException or CoreosDsl.Systemd.UnitDefinitionException or CoreosDsl.CloudConfig.YamlSyntaxException => UsageError,
        IOException => UsageError,
        _ => null,
    };
}
