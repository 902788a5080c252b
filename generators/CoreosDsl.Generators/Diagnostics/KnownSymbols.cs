using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// The CoreosDsl types the analyzers recognize calls by, resolved once per compilation. A type is null when the
/// project does not reference the assembly that defines it; analyzers that need it then do nothing.
/// </summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation)
    {
        SystemdSyntaxAttribute = compilation.GetTypeByMetadataName("CoreosDsl.Systemd.SystemdSyntaxAttribute");
        CloudConfigFormatAttribute = compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.CloudConfigFormatAttribute");
        IgnitionFormatAttribute = compilation.GetTypeByMetadataName("CoreosDsl.Ignition.IgnitionFormatAttribute");
        IgnitionSinceAttribute = compilation.GetTypeByMetadataName("CoreosDsl.Ignition.IgnitionSinceAttribute");
        IgnitionConfig = compilation.GetTypeByMetadataName("CoreosDsl.Ignition.IgnitionConfig");
        CoreosBuilder = compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.CoreosBuilder");
        WorkerDefinition = compilation.GetTypeByMetadataName("CoreosDsl.WorkerDefinition");
        SectionBuilder = compilation.GetTypeByMetadataName("CoreosDsl.Systemd.SectionBuilder");
        UnitBuilder = compilation.GetTypeByMetadataName("CoreosDsl.Systemd.UnitBuilder");
        UnitFile = compilation.GetTypeByMetadataName("CoreosDsl.Systemd.UnitFile");
        CoreosUnitsBuilder = compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.CoreosUnitsBuilder");
        CoreosUnitBuilder = compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.CoreosUnitBuilder");
        UnitCommand = compilation.GetTypeByMetadataName("CoreosDsl.CloudConfig.UnitCommand");
        Worker = compilation.GetTypeByMetadataName("CoreosDsl.Worker");
    }

    public INamedTypeSymbol? SystemdSyntaxAttribute { get; }

    public INamedTypeSymbol? CloudConfigFormatAttribute { get; }

    public INamedTypeSymbol? IgnitionFormatAttribute { get; }

    public INamedTypeSymbol? IgnitionSinceAttribute { get; }

    public INamedTypeSymbol? IgnitionConfig { get; }

    public INamedTypeSymbol? CoreosBuilder { get; }

    public INamedTypeSymbol? WorkerDefinition { get; }

    public INamedTypeSymbol? SectionBuilder { get; }

    public INamedTypeSymbol? UnitBuilder { get; }

    public INamedTypeSymbol? UnitFile { get; }

    public INamedTypeSymbol? CoreosUnitsBuilder { get; }

    public INamedTypeSymbol? CoreosUnitBuilder { get; }

    public INamedTypeSymbol? UnitCommand { get; }

    public INamedTypeSymbol? Worker { get; }

    public static KnownSymbols From(Compilation compilation) => new(compilation);

    /// <summary>The systemd syntax a parameter is marked with (<c>[SystemdSyntax("calendar")]</c>), if any.</summary>
    public bool TryGetSyntax(IParameterSymbol parameter, out string syntax, out bool condition)
    {
        if (TryGetSyntax(parameter, out var found))
        {
            syntax = found.Syntax;
            condition = found.Condition;
            return true;
        }

        syntax = "";
        condition = false;
        return false;
    }

    /// <summary>
    /// The systemd syntax a parameter is marked with, with its condition flag and documented prefixes; or a builder
    /// method (the syntax of the directive's whole value in unit text, where its parameters each take a part).
    /// </summary>
    public bool TryGetSyntax(ISymbol parameterOrMethod, out DirectiveSyntax syntax)
    {
        foreach (var attribute in parameterOrMethod.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, SystemdSyntaxAttribute)
                && attribute.ConstructorArguments is [{ Value: string s }])
            {
                var condition = attribute.NamedArguments.Any(a => a.Key == "Condition" && a.Value.Value is true);
                var prefixes = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Prefixes").Value.Value as string ?? "";
                syntax = new DirectiveSyntax(s, condition, prefixes);
                return true;
            }
        }

        syntax = null!;
        return false;
    }

    /// <summary>The cloud-config format a parameter is marked with (<c>[CloudConfigFormat("url")]</c>), if any.</summary>
    public bool TryGetFormat(IParameterSymbol parameter, out string format, out string? pattern)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, CloudConfigFormatAttribute)
                && attribute.ConstructorArguments is [{ Value: string f }])
            {
                format = f;
                pattern = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Pattern").Value.Value as string;
                return true;
            }
        }

        format = "";
        pattern = null;
        return false;
    }

    /// <summary>The Ignition format a parameter is marked with (<c>[IgnitionFormat("path")]</c>), if any.</summary>
    public bool TryGetIgnitionFormat(IParameterSymbol parameter, out string format)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, IgnitionFormatAttribute)
                && attribute.ConstructorArguments is [{ Value: string f }])
            {
                format = f;
                return true;
            }
        }

        format = "";
        return false;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var t = type; t is not null && baseType is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
