namespace CoreosDsl.Systemd;

/// <summary>A percentage as systemd writes it (<c>50%</c>, <c>12.5%</c>; up to two decimals).</summary>
public readonly record struct Percent
{
    /// <summary>The percentage (50 means 50%).</summary>
    public decimal Value { get; }

    /// <summary>Creates a percentage.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than two decimals.</exception>
    public Percent(decimal value) => throw new NotImplementedException();

    /// <summary>Formats as <c>N%</c>.</summary>
    public override string ToString() => throw new NotImplementedException();

    /// <summary>Parses <c>N%</c>, <c>N.N%</c>, <c>N‰</c>, <c>N‱</c>.</summary>
    public static bool TryParse(string text, out Percent value, out string? error) => throw new NotImplementedException();
}
