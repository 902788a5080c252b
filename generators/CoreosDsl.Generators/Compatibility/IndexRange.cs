using System.Runtime.CompilerServices;

namespace System;

/// <summary>
/// The parts of .NET's <c>System.Index</c> the C# compiler needs for <c>^1</c> and <c>a..b</c> on strings and
/// spans in the linked runtime sources; same semantics.
/// </summary>
internal readonly struct Index
{
    private readonly int value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Index(int value, bool fromEnd = false)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "value must be non-negative");
        }

        this.value = fromEnd ? ~value : value;
    }

    private Index(int value, bool _, bool __) => this.value = value;

    public static Index Start => new(0, false, false);

    public static Index End => new(~0, false, false);

    public int Value => value < 0 ? ~value : value;

    public bool IsFromEnd => value < 0;

    public static Index FromStart(int value) => new(value);

    public static Index FromEnd(int value) => new(value, fromEnd: true);

    public static implicit operator Index(int value) => FromStart(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOffset(int length) => IsFromEnd ? length - Value : Value;
}

/// <summary>The parts of .NET's <c>System.Range</c> the C# compiler needs; same semantics.</summary>
internal readonly struct Range
{
    public Range(Index start, Index end)
    {
        Start = start;
        End = end;
    }

    public Index Start { get; }

    public Index End { get; }

    public static Range All => new(Index.Start, Index.End);

    public static Range StartAt(Index start) => new(start, Index.End);

    public static Range EndAt(Index end) => new(Index.Start, end);

    public (int Offset, int Length) GetOffsetAndLength(int length)
    {
        var start = Start.GetOffset(length);
        var end = End.GetOffset(length);
        if ((uint)end > (uint)length || (uint)start > (uint)end)
        {
            throw new ArgumentOutOfRangeException(nameof(length));
        }

        return (start, end - start);
    }
}
