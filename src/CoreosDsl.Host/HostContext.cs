namespace CoreosDsl.Host;

/// <summary>What every command works on: the project's workers and the console.</summary>
/// <param name="define">
/// Makes the workers. It runs when a command first needs them, not before, so that <c>--help</c> and usage errors
/// work even when a definition throws.
/// </param>
/// <param name="console">Where to print.</param>
internal sealed class HostContext(Func<IEnumerable<WorkerDefinition>> define, HostConsole console)
{
    private readonly Lazy<IReadOnlyList<WorkerDefinition>> workers = new(() => Define(define));

    /// <summary>Every worker of the project, in definition order.</summary>
    /// <exception cref="WorkerDefinitionException">A definition threw.</exception>
    /// <exception cref="UsageException">Two workers have the same name.</exception>
    public IReadOnlyList<WorkerDefinition> Workers => workers.Value;

    /// <summary>Where to print.</summary>
    public HostConsole Console { get; } = console;

    /// <summary>The workers named by <c>--worker</c> (all when none is named).</summary>
    /// <exception cref="UsageException">A name matches no worker; the message lists the names there are.</exception>
    public IReadOnlyList<WorkerDefinition> Select(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            return Workers;
        }

        var unknown = names.Where(n => Workers.All(w => w.Name != n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"no worker named {string.Join(", ", unknown.Select(n => $"\"{n}\""))}; " +
                $"this project defines {string.Join(", ", Workers.Select(w => w.Name))}");
        }

        return Workers.Where(w => names.Contains(w.Name)).ToList();
    }

    private static List<WorkerDefinition> Define(Func<IEnumerable<WorkerDefinition>> define)
    {
        List<WorkerDefinition> defined;
        try
        {
            defined = define().ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw WorkerDefinitionException.Wrap(null, e);
        }

        var duplicate = defined.GroupBy(w => w.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? defined
            : throw new UsageException($"two workers are named \"{duplicate.Key}\"; worker names must be unique (they name output folders and URLs)");
    }

    /// <summary>Exactly one worker: the one named, or the project's only one.</summary>
    /// <exception cref="UsageException">No name was given and the project has several workers.</exception>
    public WorkerDefinition SelectOne(string[]? names, string purpose)
    {
        var selected = Select(names);
        if (selected.Count == 1)
        {
            return selected[0];
        }

        // Count what the user sees: the workers --worker chose, or else the project's.
        throw names is { Length: > 0 }
            ? new UsageException($"{purpose} works on one worker and --worker chose {selected.Count} " +
                $"({string.Join(", ", selected.Select(w => w.Name))}): name only one")
            : new UsageException($"{purpose} works on one worker and this project defines {Workers.Count} " +
                $"({string.Join(", ", Workers.Select(w => w.Name))}): choose one with --worker NAME");
    }
}

/// <summary>Bad usage or input: printed as <c>error: MESSAGE</c> and exit code 2.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
