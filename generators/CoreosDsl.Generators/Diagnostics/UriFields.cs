using System.Collections.Concurrent;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// URLs kept in fields and properties (<c>static readonly Uri[] EtcdServers = [new("http://...")]</c>): the
/// <c>new Uri("...")</c> texts of their initializers, so that a use that asks for an http(s) URL checks them where
/// they are written, once per compilation however often the field is used. It also keeps the findings moved to the
/// text of a constant, reported once however often the constant is used.
/// </summary>
internal sealed class UriFields(Compilation compilation)
{
    private readonly ConcurrentDictionary<ISymbol, IOperation?> initializers = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<(string Id, Location Location, string Message), bool> reported = new();

    /// <summary>
    /// The literal text of <c>new Uri("...")</c> or <c>new Uri("...", UriKind.Absolute)</c>, which must be an
    /// absolute URL (the constructor throws otherwise); null for other creations.
    /// </summary>
    public static IOperation? TextOfAbsoluteUri(IObjectCreationOperation creation)
    {
        if (!IsUri(creation.Type) || creation.Arguments.Length is 0 or > 2
            || creation.Arguments[0].Parameter?.Type.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        if (creation.Arguments.Length == 2
            && (creation.Arguments[1].Parameter?.Type is not { TypeKind: TypeKind.Enum, Name: "UriKind" }
                || creation.Arguments[1].Value.ConstantValue is not { HasValue: true, Value: 1 }))
        {
            return null; // only UriKind.Absolute (1) asks for an absolute URL
        }

        var text = OperationValues.Unwrap(creation.Arguments[0].Value);
        return text.ConstantValue is { HasValue: true, Value: string } ? text : null;
    }

    /// <summary>
    /// The initializer of a field or property of the compilation that holds URLs (<c>Uri</c>, <c>Uri[]</c>, a
    /// list of <c>Uri</c>): its field initializer, property initializer or expression body. Null otherwise.
    /// </summary>
    public IOperation? Follow(IOperation value)
    {
        ISymbol? member = OperationValues.Unwrap(value) switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Arguments.Length: 0 } property => property.Property,
            _ => null,
        };
        if (member is null || !HoldsUris(value.Type ?? OperationValues.Unwrap(value).Type))
        {
            return null;
        }

        return initializers.GetOrAdd(member, Initializer);
    }

    /// <summary>True the first time this finding is reported at this place.</summary>
    public bool FirstReport(RuleFinding finding, IOperation source) => FirstReport(finding, source.Syntax.GetLocation());

    /// <summary>True the first time this finding is reported at this location.</summary>
    public bool FirstReport(RuleFinding finding, Location location) => reported.TryAdd((finding.Rule.Id, location, finding.Message), true);

    private IOperation? Initializer(ISymbol member) =>
        OperationValues.Initializer(member, compilation) is { } operation ? OperationValues.Unwrap(operation) : null;

    private static bool IsUri(ITypeSymbol? type) =>
        type is { Name: "Uri", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static bool HoldsUris(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol array => IsUri(array.ElementType),
        INamedTypeSymbol { IsGenericType: true, TypeArguments: [var element] } => IsUri(element),
        _ => IsUri(type),
    };
}
