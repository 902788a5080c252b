using CoreosDsl.Testing;

namespace MyWorkers.Tests;

/// <summary>
/// What the worker emits, reviewed: cloud-config.yml, every unit, syslinux.cfg. After a change, review the
/// *.received files and accept them (COREOSDSL_ACCEPT_SNAPSHOTS=1 dotnet test), then commit.
/// </summary>
public class WorkerTests
{
    [Fact]
    public void Worker_files() => Snapshot.Verify(Workers.Define());
}
