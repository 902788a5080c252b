using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Infrastructure;

/// <summary>A diagnostic as plain values (descriptor id, message arguments, location) for the cached model.</summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, arguments.ToEquatableArray());

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        DiagnosticDescriptors.ById(DescriptorId),
        Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
        System.Linq.Enumerable.ToArray<object>(Arguments));
}
