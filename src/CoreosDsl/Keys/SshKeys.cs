using CoreosDsl.CloudConfig;

namespace CoreosDsl;

/// <summary>
/// SSH public keys from files or the environment, so that definitions never paste key material. Blank lines
/// and <c>#</c> comments are skipped; every other line must look like a public key.
/// </summary>
public static class SshKeys
{
    /// <summary>The keys in an <c>authorized_keys</c>-style file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is not a public key; the message names file and line.</exception>
    public static IReadOnlyList<string> FromFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The keys in environment variable <paramref name="variable"/> (one per line), or none when it is unset.</summary>
    public static IReadOnlyList<string> FromEnvironment(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? Parse(value, "$" + variable) : [];

    /// <summary>
    /// The keys from <paramref name="variable"/> if set, else from <paramref name="path"/> if it exists, else
    /// <paramref name="fallback"/> (a placeholder so that an example runs as is).
    /// </summary>
    public static IReadOnlyList<string> FromEnvironmentOrFile(string variable, string path, [CloudConfigFormat("ssh-public-key")] params string[] fallback)
    {
        var fromEnvironment = FromEnvironment(variable);
        if (fromEnvironment.Count > 0)
        {
            return fromEnvironment;
        }

        return File.Exists(path) ? FromFile(path) : Parse(string.Join('\n', fallback), "the built-in placeholder");
    }

    private static string[] Parse(string text, string source)
    {
        var keys = new List<string>();
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!SshPublicKey.TryValidate(line, out var error))
            {
                throw new FormatException($"{source}, line {i + 1}: {error}");
            }

            keys.Add(line);
        }

        return [.. keys];
    }
}
