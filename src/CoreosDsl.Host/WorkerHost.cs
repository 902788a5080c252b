using System.CommandLine;

namespace CoreosDsl.Host;

/// <summary>
/// The command line of a definitions project: <c>Program.cs</c> hands its workers to <c>Run</c> and
/// everything else happens through <c>dotnet run -- COMMAND</c>. Without a command, <c>build</c> runs.
/// </summary>
public static class WorkerHost
{
    /// <summary>Exit code: success.</summary>
    public const int Success = 0;

    /// <summary>Exit code: the command ran and found problems (validation errors, differences).</summary>
    public const int Problems = 1;

    /// <summary>Exit code: bad usage or input (unknown worker, missing file).</summary>
    public const int UsageError = 2;

    /// <summary>Runs the command in <paramref name="args"/> over <paramref name="workers"/> and returns the exit code.</summary>
    public static int Run(string[] args, params WorkerDefinition[] workers) => Run(args, (IEnumerable<WorkerDefinition>)workers);

    /// <summary>Runs the command in <paramref name="args"/> over <paramref name="workers"/> and returns the exit code.</summary>
    public static int Run(string[] args, IEnumerable<WorkerDefinition> workers)
    {
        ArgumentNullException.ThrowIfNull(args);
        var list = workers.ToList();
        var duplicate = list.GroupBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            Console.Error.WriteLine($"error: two workers are named \"{duplicate.Key}\"; worker names must be unique");
            return UsageError;
        }

        var context = new HostContext(list, Console.Out, Console.Error);
        var root = new RootCommand("Builds, checks and serves the CoreOS workers defined in this project.");
        var build = BuildCommand.Create(context);
        root.Subcommands.Add(build);
        root.Subcommands.Add(ValidateCommand.Create(context));

        // No command means build, with its defaults.
        var effective = args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")
            ? ["build", .. args]
            : args;
        return root.Parse(effective).Invoke();
    }
}
