namespace CoreosDsl.CloudConfig;

/// <summary>What a scalar means; the writer quotes strings that YAML would otherwise read as something else.</summary>
public enum ScalarKind
{
    /// <summary>Text.</summary>
    String,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,
    /// <summary>A decimal integer.</summary>
    Int,
    /// <summary>A decimal floating-point number.</summary>
    Float,
    /// <summary>An empty value (<c>key:</c> with nothing after it).</summary>
    Null,
}

/// <summary>A scalar value: its text and what kind of value the text stands for.</summary>
public sealed class ConfigScalar : ConfigNode
{
    /// <summary>Creates a scalar.</summary>
    public ConfigScalar(string value, ScalarKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>
    /// The text: for a bool <c>true</c>/<c>false</c>; for numbers built in code invariant decimal text; for numbers
    /// read from a document the text as written (<c>0644</c> stays <c>0644</c>, as coreos-cloudinit keeps it for
    /// string fields).
    /// </summary>
    public string Value { get; }

    /// <summary>What the text stands for.</summary>
    public ScalarKind Kind { get; }

    /// <summary>A string scalar.</summary>
    public static ConfigScalar String(string value) => new(value, ScalarKind.String);

    /// <summary>A boolean scalar.</summary>
    public static ConfigScalar Bool(bool value) => new(value ? "true" : "false", ScalarKind.Bool);

    /// <summary>An integer scalar.</summary>
    public static ConfigScalar Int(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Int);

    /// <summary>
    /// A floating-point scalar, spelled so that both YAML 1.1 and 1.2 readers type it as a float: always with a
    /// fraction or exponent (<c>5.0</c>, <c>1.5</c>, <c>1.0e+21</c>), and <c>.nan</c>, <c>.inf</c>, <c>-.inf</c>.
    /// </summary>
    public static ConfigScalar Float(double value) => new(YamlFloatText(value), ScalarKind.Float);

    /// <summary>
    /// An explicit YAML tag such as <c>!!binary</c> when the document carried one (the reader keeps it and the
    /// writer writes it back); null for the usual implicitly typed scalars.
    /// </summary>
    public string? Tag { get; init; }

    /// <inheritdoc />
    public override bool DeepEquals(ConfigNode? other) =>
        other is ConfigScalar s && s.Kind == Kind && string.Equals(s.Value, Value, StringComparison.Ordinal)
        && string.Equals(s.Tag, Tag, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string YamlFloatText(double value)
    {
        if (double.IsNaN(value))
        {
            return ".nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? ".inf" : "-.inf";
        }

        // "R" gives the shortest round-tripping text ("5", "1E+21"); YAML needs a dot to see a float in "5".
        var text = value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        return e < 0 ? mantissa : mantissa + "e" + text[(e + 1)..];
    }
}
