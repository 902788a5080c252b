using System.Globalization;

namespace CoreosDsl.Ignition.Validation;

/// <summary>
/// The spec versions read, and which keys each one has: 3.0.0 to 3.3.0 and <c>3.4.0-experimental</c> as
/// ignition-validate 2.14 (the Ignition of Debian 12) reads them, and 3.4.0 as Ignition 2.15 and later do. The key
/// table of <c>generators/schemas/ignition.schema</c> is 3.4.0; its <c>since=</c> keys are missing from the older
/// versions, as are the keys added after them (listed here); <c>3.4.0-experimental</c> (2.14) has the keys of 3.3.0.
/// </summary>
public static class IgnitionSpecVersions
{
    /// <summary>The versions read, oldest first: what ignition-validate 2.14 accepts, then 3.4.0.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["3.0.0", "3.1.0", "3.2.0", "3.3.0", "3.4.0-experimental", "3.4.0"];

    /// <summary>The position of 3.4.0-experimental in <see cref="Supported"/>: from it on, arn: S3 URLs are read.</summary>
    internal const int Experimental34 = 4;

    /// <summary>The position of 3.4.0 in <see cref="Supported"/>.</summary>
    internal const int V34 = 5;

    /// <summary>The versions as one phrase for messages.</summary>
    public static string SupportedText => string.Join(", ", Supported.Take(Supported.Count - 1)) + " and " + Supported[^1];

    // The keys ignition.schema marks since= (3.4.0's additions).
    private static readonly Lazy<(string Pattern, string Since)[]> SchemaAddedKeys = new(() =>
        [.. Schema.IgnitionSchema.Keys.Where(k => k.Since is not null).Select(k => (k.Path, k.Since!))]);

    // Where a key (and everything under it) first appeared, before 3.3.0.
    private static readonly (string Pattern, string Since)[] AddedKeys =
    [
        ("ignition.config.merge[].compression", "3.1.0"),
        ("ignition.config.merge[].httpHeaders", "3.1.0"),
        ("ignition.config.replace.compression", "3.1.0"),
        ("ignition.config.replace.httpHeaders", "3.1.0"),
        ("ignition.proxy", "3.1.0"),
        ("ignition.security.tls.certificateAuthorities[].compression", "3.1.0"),
        ("ignition.security.tls.certificateAuthorities[].httpHeaders", "3.1.0"),
        ("storage.files[].append[].httpHeaders", "3.1.0"),
        ("storage.files[].contents.httpHeaders", "3.1.0"),
        ("storage.filesystems[].mountOptions", "3.1.0"),
        ("passwd.groups[].shouldExist", "3.2.0"),
        ("passwd.users[].shouldExist", "3.2.0"),
        ("storage.disks[].partitions[].resize", "3.2.0"),
        ("storage.luks", "3.2.0"),
        ("kernelArguments", "3.3.0"),
    ];

    /// <summary>
    /// Reads a version the way Ignition does (coreos/go-semver): <c>MAJOR.MINOR.PATCH</c>, an optional
    /// <c>-PRERELEASE</c> and <c>+METADATA</c>; leading zeros are allowed (<c>03.3.0</c> is 3.3.0).
    /// </summary>
    /// <param name="text">The version as written.</param>
    /// <returns>The supported version it is (<c>3.3.0</c>), <c>""</c> for a valid but unsupported one, or null when it does not parse.</returns>
    public static string? Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text;
        var plus = rest.IndexOf('+', StringComparison.Ordinal);
        var metadata = plus >= 0 ? rest[(plus + 1)..] : null;
        rest = plus >= 0 ? rest[..plus] : rest;
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        var preRelease = dash >= 0 ? rest[(dash + 1)..] : "";
        rest = dash >= 0 ? rest[..dash] : rest;
        var parts = rest.Split('.', 3);
        if (parts.Length != 3 || (metadata is { Length: > 0 } && !ValidIdentifiers(metadata)) || (preRelease.Length > 0 && !ValidIdentifiers(preRelease)))
        {
            return null;
        }

        var numbers = new long[3];
        for (var i = 0; i < 3; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        var normal = string.Create(CultureInfo.InvariantCulture, $"{numbers[0]}.{numbers[1]}.{numbers[2]}") + (preRelease.Length > 0 ? "-" + preRelease : "");
        return string.IsNullOrEmpty(metadata) && Supported.Contains(normal) ? normal : "";
    }

    /// <summary>Whether <paramref name="path"/> (a key table path, <c>storage.luks[].name</c>) exists in <paramref name="version"/>.</summary>
    /// <param name="path">The key's path.</param>
    /// <param name="version">A supported version.</param>
    /// <returns>True when the version has the key.</returns>
    public static bool Has(string path, string version) => Since(path) is not { } since || Order(version) >= Order(since);

    /// <summary>The first version that has <paramref name="path"/>, or null when every supported version has it.</summary>
    /// <param name="path">The key's path.</param>
    /// <returns>The version, or null.</returns>
    public static string? Since(string path)
    {
        foreach (var (pattern, since) in SchemaAddedKeys.Value.Concat(AddedKeys))
        {
            if (path == pattern || path.StartsWith(pattern + ".", StringComparison.Ordinal) || path.StartsWith(pattern + "[]", StringComparison.Ordinal))
            {
                return since;
            }
        }

        return null;
    }

    /// <summary>The position of a supported version (3.0.0 is 0).</summary>
    internal static int Order(string version) => Supported.ToList().IndexOf(version) is var i and >= 0 ? i : int.MaxValue;

    // go-semver accepts dot-separated identifiers of letters, digits and '-'.
    private static bool ValidIdentifiers(string s) =>
        s.Split('.').All(part => part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
}
