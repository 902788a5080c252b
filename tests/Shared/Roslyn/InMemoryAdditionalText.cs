using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CoreosDsl.Tests.Shared;

/// <summary>An additional file (a schema file, say) held in memory, as the compiler passes it to generators and analyzers.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    /// <inheritdoc />
    public override string Path { get; } = path;

    /// <inheritdoc />
    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
