using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// The arguments a followed method was called with, by parameter: what lets the analyzer read
/// <c>SharedUnits.Ingress(exporter)</c>'s <c>.After(exporter)</c> as the exporter's name. Each argument keeps the
/// bindings of the call it was written in. Immutable.
/// </summary>
internal sealed class Bindings
{
    public static readonly Bindings None = new([]);

    private readonly Dictionary<IParameterSymbol, (IOperation Value, Bindings Bindings)> values;

    private Bindings(Dictionary<IParameterSymbol, (IOperation Value, Bindings Bindings)> values) => this.values = values;

    /// <summary>The bindings inside the method <paramref name="call"/> calls: each parameter to its argument.</summary>
    public Bindings With(IInvocationOperation call, Bindings outer)
    {
        var inner = new Dictionary<IParameterSymbol, (IOperation, Bindings)>(SymbolEqualityComparer.Default);
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter && argument.ArgumentKind == ArgumentKind.Explicit)
            {
                inner[parameter.OriginalDefinition] = (argument.Value, outer);
            }
        }

        return new Bindings(inner);
    }

    public bool TryGet(IParameterSymbol parameter, out (IOperation Value, Bindings Bindings) bound) =>
        values.TryGetValue(parameter.OriginalDefinition, out bound);
}
