namespace CoreosDsl.Host;

/// <summary>What every command works on: the project's workers and where to print.</summary>
internal sealed record HostContext(IReadOnlyList<WorkerDefinition> Workers, TextWriter Out, TextWriter Error)
{
    /// <summary>The workers named by <c>--worker</c> (all when none is named); null after printing an error for an unknown name.</summary>
    public IReadOnlyList<WorkerDefinition>? Select(string[]? names)
    {
        if (names is null || names.Length == 0)
        {
            return Workers;
        }

        var unknown = names.Where(n => Workers.All(w => w.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            Error.WriteLine($"error: no worker named {string.Join(", ", unknown.Select(n => $"\"{n}\""))}; " +
                $"this project defines {string.Join(", ", Workers.Select(w => w.Name))}");
            return null;
        }

        return Workers.Where(w => names.Contains(w.Name)).ToList();
    }
}
