using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CoreosDsl.Testing;

/// <summary>
/// Remembers which snapshots passed in this process and with what output, to catch two different outputs verified
/// against one snapshot: typically every case of a <c>[Theory]</c> without <see cref="SnapshotSettings.Parameters"/>,
/// which would otherwise fail with confusing diffs (or, when accepting, overwrite each other).
/// </summary>
internal static class VerifiedRegistry
{
    private static readonly ConcurrentDictionary<string, string> Passed = new(StringComparer.Ordinal);

    /// <summary>Throws when <paramref name="location"/> already passed in this process with another output.</summary>
    public static void EnsureNotVerifiedWithOtherOutput(SnapshotLocation location, string fingerprint)
    {
        if (Passed.TryGetValue(location.Key, out var earlier) && earlier != fingerprint)
        {
            throw new InvalidOperationException(
                $"The snapshot '{location.BaseName}' was already verified in this test run with a different output. " +
                "Each case of a parameterized test, and each of several snapshots in one test, needs its own name: " +
                "pass new SnapshotSettings().UseParameters(...) (or set Parameters, MethodName).");
        }
    }

    /// <summary>Records that <paramref name="location"/> passed (matched or was accepted) with this output.</summary>
    public static void RecordPassed(SnapshotLocation location, string fingerprint) => Passed[location.Key] = fingerprint;

    /// <summary>A digest of a whole output: every relative path and text.</summary>
    public static string Fingerprint(IReadOnlyDictionary<string, string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, text) in files.OrderBy(file => file.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{path.Length}:{path}{text.Length}:"));
            hash.AppendData(Encoding.UTF8.GetBytes(text));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
