using System.Globalization;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CoreosDsl.Generators;

/// <summary>
/// The MSBuild properties the generator reads (made visible by build/CoreosDsl.Generators.props):
/// <c>CoreosDslSystemdVersion</c>, the systemd version the workers target (default 252: Flatcar's systemd at
/// the time of writing, and the systemd-analyze the tests use as an oracle). <c>CoreosDslTargetOs</c> is read by
/// the analyzers; the generator only reports a value it does not know. <c>CoreosDslSchemaDirectory</c> is the folder
/// of the bundled schemas, whose systemd builders are compiled into CoreosDsl.Systemd: schema files there are read
/// (user schema files may extend their sections and use their enums) but generate nothing in the project.
/// </summary>
internal sealed record GeneratorOptions(int SystemdVersion, DiagnosticInfo? Problem, DiagnosticInfo? TargetOsProblem = null)
{
    public const int DefaultSystemdVersion = 252;

    /// <summary>The bundled schema folder, normalized (<see cref="SchemaPaths.Normalize"/>, ending in '/'), or null when the project does not name one.</summary>
    public string? CompiledSchemaDirectory { get; init; }

    public static GeneratorOptions From(AnalyzerConfigOptions options) => Read(options) with
    {
        CompiledSchemaDirectory = options.TryGetValue("build_property.CoreosDslSchemaDirectory", out var directory) && !string.IsNullOrWhiteSpace(directory)
            ? SchemaPaths.Normalize(directory.Trim()).TrimEnd('/') + "/"
            : null,
    };

    private static GeneratorOptions Read(AnalyzerConfigOptions options)
    {
        var targetOsProblem = options.TryGetValue("build_property." + StockUnits.PropertyName, out var os)
            && !string.IsNullOrWhiteSpace(os) && !StockUnits.TryParseOs(os, out _)
            ? DiagnosticInfo.Create(DiagnosticDescriptors.InvalidGeneratorOption, null,
                $"{StockUnits.PropertyName} is '{os}', not flatcar or coreos; using flatcar")
            : null;

        if (!options.TryGetValue("build_property.CoreosDslSystemdVersion", out var text) || string.IsNullOrWhiteSpace(text))
        {
            return new(DefaultSystemdVersion, null, targetOsProblem);
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version is >= 1 and < 10000)
        {
            return new(version, null, targetOsProblem);
        }

        return new(DefaultSystemdVersion, DiagnosticInfo.Create(DiagnosticDescriptors.InvalidGeneratorOption, null,
            $"CoreosDslSystemdVersion is '{text}', not a systemd version number such as 252; using {DefaultSystemdVersion}"), targetOsProblem);
    }
}
