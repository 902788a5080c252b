using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CoreosDsl.Generators.Infrastructure;

/// <summary>
/// A location in a schema file, kept as plain values: a <see cref="Location"/> would tie the cached model to a
/// compilation.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Line, int StartColumn, int EndColumn)
{
    public Location ToLocation()
    {
        var start = new LinePosition(Line, StartColumn);
        var end = new LinePosition(Line, EndColumn);
        return Location.Create(FilePath, new TextSpan(0, 0), new LinePositionSpan(start, end));
    }
}
