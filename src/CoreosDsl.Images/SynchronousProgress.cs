namespace CoreosDsl.Images;

/// <summary>
/// Forwards progress on the writer's thread, in order (<see cref="Progress{T}"/> would post each report to the
/// thread pool and could reorder them).
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
