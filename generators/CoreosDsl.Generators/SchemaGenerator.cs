using System;
using System.Linq;
using CoreosDsl.Generators.CloudConfig;
using CoreosDsl.Generators.Ignition;
using CoreosDsl.Generators.Networkd;
using CoreosDsl.Generators.Infrastructure;
using CoreosDsl.Generators.Schema;
using CoreosDsl.Generators.Systemd;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators;

/// <summary>
/// Turns schema files (AdditionalFiles ending in <c>.schema</c>) into typed builders: systemd section and unit
/// builders (deprecations recorded as versions, for the analyzer), the cloud-config builders and key table, the
/// Ignition builders and key table, and the networkd file builders. Each file
/// is parsed on its own; models hold only strings, bools and equatable arrays, so an edit to C# source
/// leaves every step cached and nothing is regenerated.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SchemaGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".schema", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, ct) => SchemaFileParser.Parse(text.Path, text.GetText(ct), ct))
            .WithTrackingName(TrackingNames.SchemaFiles);

        // Files whose header is missing or wrong only report their diagnostics.
        context.RegisterSourceOutput(files.Where(static f => f.Kind == SchemaKind.Unknown), static (spc, file) =>
        {
            foreach (var d in file.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }
        });

        // The model does not depend on the target systemd version (the analyzer weighs deprecations against it), only on
        // the files and on which of them are the bundled ones, compiled into CoreosDsl.Systemd.
        var compiledDirectory = options.Select(static (o, _) => o.CompiledSchemaDirectory);
        var systemd = files.Where(static f => f.Kind == SchemaKind.Systemd).Collect()
            .Combine(compiledDirectory)
            .Select(static (pair, _) => pair.Left.IsEmpty ? null : SystemdSchemaResolver.Resolve(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.SystemdModel);

        context.RegisterSourceOutput(options, static (spc, o) =>
        {
            if (o.Problem is not null)
            {
                spc.ReportDiagnostic(o.Problem.ToDiagnostic());
            }

            if (o.TargetOsProblem is not null)
            {
                spc.ReportDiagnostic(o.TargetOsProblem.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(systemd, static (spc, model) =>
        {
            if (model is null)
            {
                return;
            }

            foreach (var d in model.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }

            if (SystemdEmitter.Enums(model) is { } enums)
            {
                spc.AddSource("Systemd.Enums.g.cs", enums);
            }

            if (SystemdEmitter.UnitBuilders(model) is { } units)
            {
                spc.AddSource("Systemd.Units.g.cs", units);
            }
        });

        // Where the builders are compiled (CoreosDsl.Systemd), a section whose directives all come from there
        // generates nothing; one a project's own schema file extends gets extension methods.
        var sections = systemd
            .SelectMany(static (model, _) => model is null
                ? Enumerable.Empty<(SectionSpec, bool)>()
                : model.Sections.Where(s => SystemdEmitter.HasOutput(s, model.BuildersCompiled)).Select(s => (s, model.BuildersCompiled)))
            .WithTrackingName(TrackingNames.SystemdSections);
        context.RegisterSourceOutput(sections, static (spc, item) =>
            spc.AddSource($"Systemd.{item.Item1.ClassName}{(item.Item2 && item.Item1.Compiled ? "Extensions" : "")}.g.cs", SystemdEmitter.Section(item.Item1, item.Item2)));

        // The coreos.units extension methods: all of them in CoreosDsl.CloudConfig, which defines CoreosUnitsBuilder;
        // elsewhere only for unit types of the project's own schema files, and only when it can see the builder.
        var coreosUnits = context.CompilationProvider
            .Select(static (compilation, _) =>
                compilation.Assembly.GetTypeByMetadataName("CoreosDsl.CloudConfig.CoreosUnitsBuilder") is not null ? CoreosUnitsBuilderAt.ThisProject
                : compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.CoreosUnitsBuilder") is not null ? CoreosUnitsBuilderAt.Reference
                : CoreosUnitsBuilderAt.Nowhere)
            .WithTrackingName(TrackingNames.ReferencesCloudConfig);
        context.RegisterSourceOutput(systemd.Combine(coreosUnits), static (spc, pair) =>
        {
            if (pair.Left is not null && pair.Right != CoreosUnitsBuilderAt.Nowhere
                && SystemdEmitter.CloudConfigUnits(pair.Left, pair.Right == CoreosUnitsBuilderAt.ThisProject) is { } text)
            {
                spc.AddSource("Systemd.CoreosUnits.g.cs", text);
            }
        });

        var cloudConfig = files.Where(static f => f.Kind == SchemaKind.CloudConfig).Collect()
            .Select(static (list, _) => list.IsEmpty ? null : CloudConfigSchemaResolver.Resolve(list))
            .WithTrackingName(TrackingNames.CloudConfigModel);
        context.RegisterSourceOutput(cloudConfig, static (spc, model) =>
        {
            if (model is null)
            {
                return;
            }

            foreach (var d in model.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }

            spc.AddSource("CloudConfig.Enums.g.cs", CloudConfigEmitter.Enums(model));
            spc.AddSource("CloudConfig.Schema.g.cs", CloudConfigEmitter.KeyTable(model));
            foreach (var spec in model.Objects)
            {
                spc.AddSource($"CloudConfig.{spec.ClassName}.g.cs", CloudConfigEmitter.Builder(spec, model));
            }
        });

        var ignition = files.Where(static f => f.Kind == SchemaKind.Ignition).Collect()
            .Select(static (list, _) => list.IsEmpty ? null : IgnitionSchemaResolver.Resolve(list))
            .WithTrackingName(TrackingNames.IgnitionModel);
        context.RegisterSourceOutput(ignition, static (spc, model) =>
        {
            if (model is null)
            {
                return;
            }

            foreach (var d in model.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }

            spc.AddSource("Ignition.Enums.g.cs", IgnitionEmitter.Enums(model));
            spc.AddSource("Ignition.Schema.g.cs", IgnitionEmitter.KeyTable(model));
            foreach (var spec in model.Objects)
            {
                spc.AddSource($"Ignition.{spec.ClassName}.g.cs", IgnitionEmitter.Builder(spec, model));
            }
        });

        // networkd builders: generated once, in the runtime project that is given the networkd schema files.
        var networkd = files.Where(static f => f.Kind == SchemaKind.Networkd).Collect()
            .Select(static (list, _) => list.IsEmpty ? null : NetworkdSchemaResolver.Resolve(list))
            .WithTrackingName(TrackingNames.NetworkdModel);
        context.RegisterSourceOutput(networkd, static (spc, model) =>
        {
            if (model is null)
            {
                return;
            }

            foreach (var d in model.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }

            spc.AddSource("Networkd.Enums.g.cs", NetworkdEmitter.Enums(model));
            spc.AddSource("Networkd.SchemaTable.g.cs", NetworkdEmitter.SchemaTable(model));
            foreach (var file in model.Files)
            {
                spc.AddSource($"Networkd.{file.ClassName}.g.cs", NetworkdEmitter.FileBuilder(file, model));
            }

            foreach (var section in model.Sections)
            {
                spc.AddSource($"Networkd.{section.ClassName}.g.cs", NetworkdEmitter.Section(section));
            }
        });
    }

    /// <summary>Where the project sees <c>CoreosUnitsBuilder</c> (the <c>coreos.units</c> builder of CoreosDsl.CloudConfig).</summary>
    private enum CoreosUnitsBuilderAt
    {
        Nowhere,
        Reference,
        ThisProject,
    }
}
