using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>A percentage as systemd writes it (<c>50%</c>, <c>12.5%</c>; up to two decimals).</summary>
/// <remarks>
/// systemd stores percentages as parts per ten thousand (<c>parse_permyriad</c>): <c>N%</c> with up to two
/// decimals, <c>N‰</c> with up to one, or a whole <c>N‱</c>. Which range is allowed depends on the directive
/// (memory limits at most 100%, <c>CPUQuota=</c> above 0 and possibly above 100%); this type only checks the
/// syntax and that the value fits systemd's integer.
/// </remarks>
public readonly record struct Percent
{
    /// <summary>The largest value systemd's parser can hold: 2147483647 ‱.</summary>
    private const decimal Max = 21474836.47m;

    /// <summary>The percentage (50 means 50%).</summary>
    public decimal Value { get; }

    /// <summary>Creates a percentage.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, more than two decimals, or above 21474836.47.</exception>
    public Percent(decimal value)
    {
        if (value < 0 || value > Max || decimal.Round(value, 2) != value)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "A systemd percentage is between 0 and 21474836.47 with at most two decimals.");
        }

        Value = value;
    }

    /// <summary>Formats as <c>N%</c>.</summary>
    public override string ToString() =>
        Value.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Parses <c>N%</c>, <c>N.N%</c>, <c>N‰</c>, <c>N‱</c>.</summary>
    /// <param name="text">The text as written after the <c>=</c>.</param>
    /// <param name="value">The percentage.</param>
    /// <param name="error">What is wrong and where; null on success.</param>
    public static bool TryParse(string text, out Percent value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string What = "a percentage";
        value = default;
        error = null;
        (char Symbol, int MaxDecimals, decimal Divisor) form;
        if (text.EndsWith('%'))
        {
            form = ('%', 2, 1m);
        }
        else if (text.EndsWith('\u2030'))
        {
            form = ('\u2030', 1, 10m);
        }
        else if (text.EndsWith('\u2031'))
        {
            form = ('\u2031', 0, 100m);
        }
        else
        {
            error = ValueText.Error(text, What, "it must end in %, \u2030 or \u2031");
            return false;
        }

        var number = text[..^1];
        var dot = number.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? number : number[..dot];
        var fraction = dot < 0 ? "" : number[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(ValueText.IsDigit))
        {
            error = ValueText.Error(text, What, $"expected a whole number before {form.Symbol} (digits only, no sign or spaces)");
            return false;
        }

        // systemd reads the number with C's base detection, so "010%" would mean 8%: refuse leading zeros.
        if (whole.Length > 1 && whole[0] == '0')
        {
            error = ValueText.Error(text, What, $"'{whole}' has a leading zero, which systemd reads as an octal number");
            return false;
        }

        if (dot >= 0 && (fraction.Length == 0 || fraction.Length > form.MaxDecimals || !fraction.All(ValueText.IsDigit)))
        {
            error = ValueText.Error(text, What, form.MaxDecimals == 0
                ? $"{form.Symbol} takes a whole number"
                : $"{form.Symbol} takes at most {form.MaxDecimals} decimal{(form.MaxDecimals > 1 ? "s" : "")} after the dot");
            return false;
        }

        var parsed = whole.Length > 12 ? decimal.MaxValue : decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) / form.Divisor;
        if (parsed > Max)
        {
            error = ValueText.Error(text, What, "it is larger than systemd's limit of 21474836.47%");
            return false;
        }

        value = new Percent(parsed);
        return true;
    }
}
