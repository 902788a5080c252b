using System.Collections.Generic;

namespace CoreosDsl.Generators.Schema;

/// <summary>
/// Schema file paths compared as text: MSBuild may pass <c>build/../../schemas/systemd/unit.schema</c> for a file
/// whose folder the project names as <c>schemas/</c>, so both are normalized (separators to '/', <c>.</c> and
/// <c>..</c> segments resolved) without touching the file system, which a generator must not.
/// </summary>
internal static class SchemaPaths
{
    public static string Normalize(string path)
    {
        var rooted = path.StartsWith("/", System.StringComparison.Ordinal) || path.StartsWith("\\", System.StringComparison.Ordinal);
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return (rooted ? "/" : "") + string.Join("/", parts);
    }

    /// <summary>True when <paramref name="path"/> lies in <paramref name="normalizedDirectory"/> (which ends in '/').</summary>
    public static bool IsUnder(string path, string? normalizedDirectory) =>
        normalizedDirectory is not null && Normalize(path).StartsWith(normalizedDirectory, System.StringComparison.OrdinalIgnoreCase);
}
