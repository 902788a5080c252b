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

    /// <summary>The text (for a bool, <c>true</c>/<c>false</c>; for numbers, invariant decimal text).</summary>
    public string Value { get; }

    /// <summary>What the text stands for.</summary>
    public ScalarKind Kind { get; }

    /// <summary>A string scalar.</summary>
    public static ConfigScalar String(string value) => new(value, ScalarKind.String);

    /// <summary>A boolean scalar.</summary>
    public static ConfigScalar Bool(bool value) => new(value ? "true" : "false", ScalarKind.Bool);

    /// <summary>An integer scalar.</summary>
    public static ConfigScalar Int(long value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Int);

    /// <summary>A floating-point scalar.</summary>
    public static ConfigScalar Float(double value) => new(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), ScalarKind.Float);

    /// <inheritdoc />
    public override bool DeepEquals(ConfigNode? other) =>
        other is ConfigScalar s && s.Kind == Kind && string.Equals(s.Value, Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Value;
}
