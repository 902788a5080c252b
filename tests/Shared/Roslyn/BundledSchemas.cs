using Microsoft.CodeAnalysis;

namespace CoreosDsl.Tests.Shared;

/// <summary>The schema files bundled with the generator (<c>generators/schemas</c>), as additional files.</summary>
public static class BundledSchemas
{
    /// <summary><c>generators/schemas</c>.</summary>
    public static string Root { get; } = Path.Combine(TestPaths.RepoRoot, "generators", "schemas");

    /// <summary>The systemd schema files, one per unit-file section family, in ordinal order of their paths.</summary>
    public static IEnumerable<AdditionalText> Systemd() =>
        Directory.GetFiles(Path.Combine(Root, "systemd"), "*.schema").OrderBy(p => p, StringComparer.Ordinal).Select(Read);

    /// <summary>The cloud-config schema file.</summary>
    public static AdditionalText CloudConfig() => Read(Path.Combine(Root, "cloud-config.schema"));

    /// <summary>The Ignition schema file.</summary>
    public static AdditionalText Ignition() => Read(Path.Combine(Root, "ignition.schema"));

    /// <summary>The networkd schema files (.network, .netdev, .link).</summary>
    public static IEnumerable<AdditionalText> Networkd() =>
        Directory.EnumerateFiles(Path.Combine(Root, "networkd"), "*.schema").Order(StringComparer.Ordinal).Select(Read);

    private static AdditionalText Read(string path) => new InMemoryAdditionalText(path, File.ReadAllText(path));
}
