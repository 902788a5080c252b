using System.Runtime.CompilerServices;
using CoreosDsl.Systemd;

namespace CoreosDsl.Testing;

public static partial class Snapshot
{
    /// <summary>
    /// Verifies every file a worker produces (cloud-config.yml, each unit under units/, syslinux.cfg) against the
    /// snapshot folder <c>&lt;TestClass&gt;.&lt;TestMethod&gt;.verified/</c>.
    /// </summary>
    /// <param name="worker">The worker.</param>
    /// <param name="settings">Naming, location and scrubbers; defaults when null.</param>
    /// <param name="sourceFile">Filled in by the compiler.</param>
    /// <param name="testMethod">Filled in by the compiler.</param>
    /// <exception cref="SnapshotMismatchException">The output differs from the snapshot, or there is none yet.</exception>
    public static void Verify(WorkerDefinition worker, SnapshotSettings? settings = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "")
    {
        ArgumentNullException.ThrowIfNull(worker);
        VerifyFiles(worker.Files().ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), settings, sourceFile, testMethod);
    }

    /// <summary>Verifies one unit file's text against <c>&lt;TestClass&gt;.&lt;TestMethod&gt;.verified.&lt;unit type&gt;</c>.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="settings">Naming, location and scrubbers; defaults when null.</param>
    /// <param name="sourceFile">Filled in by the compiler.</param>
    /// <param name="testMethod">Filled in by the compiler.</param>
    /// <exception cref="SnapshotMismatchException">The text differs from the snapshot, or there is none yet.</exception>
    public static void Verify(UnitFile unit, SnapshotSettings? settings = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string testMethod = "")
    {
        ArgumentNullException.ThrowIfNull(unit);
        Verify(unit.ToText(), UnitName.Suffix(unit.Name.Type), settings, sourceFile, testMethod);
    }
}
