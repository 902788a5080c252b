using System.Globalization;
using System.Runtime.CompilerServices;

namespace CoreosDsl.Generators.Compatibility;

/// <summary>
/// The .NET 5-10 members the linked runtime sources call that netstandard2.0 lacks, as C# 14 extension members
/// with the same names, signatures and behaviour, so that those files compile here unchanged.
/// </summary>
internal static class BclExtensions
{
    extension(ArgumentNullException)
    {
        public static void ThrowIfNull(object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            if (argument is null)
            {
                throw new ArgumentNullException(paramName);
            }
        }
    }

    extension(ArgumentException)
    {
        public static void ThrowIfNullOrEmpty(string? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
        {
            ArgumentNullException.ThrowIfNull(argument, paramName);
            if (argument!.Length == 0)
            {
                throw new ArgumentException("The value cannot be an empty string.", paramName);
            }
        }
    }

    extension(ArgumentOutOfRangeException)
    {
        public static void ThrowIfNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} ('{value}') must be a non-negative value.");
            }
        }

        public static void ThrowIfGreaterThan(int value, int other, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        {
            if (value > other)
            {
                throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} ('{value}') must be less than or equal to '{other}'.");
            }
        }
    }

    extension(string text)
    {
        public bool Contains(char value) => text.IndexOf(value) >= 0;

        public bool Contains(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison) >= 0;

        public bool Contains(string value, StringComparison comparison) => text.IndexOf(value, comparison) >= 0;

        public int IndexOf(char value, StringComparison comparison) => text.IndexOf(value.ToString(), comparison);

        public bool StartsWith(char value) => text.Length > 0 && text[0] == value;

        public bool EndsWith(char value) => text.Length > 0 && text[text.Length - 1] == value;

        public string Replace(string oldValue, string? newValue, StringComparison comparison) => comparison == StringComparison.Ordinal
            ? text.Replace(oldValue, newValue)
            : throw new NotSupportedException("only ordinal replacement is available in the analyzer build");

        public static string Create(IFormatProvider? provider, FormattableString value) => value.ToString(provider);

        public static string Join(char separator, IEnumerable<string?> values) => string.Join(separator.ToString(), values);

        public static string Join(char separator, params string?[] values) => string.Join(separator.ToString(), values);
    }

    extension<T>(IEnumerable<T> source)
    {
        public IOrderedEnumerable<T> Order(IComparer<T>? comparer) => source.OrderBy(x => x, comparer);
    }

    extension(char)
    {
        public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

        public static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

        public static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetter(c) || char.IsAsciiDigit(c);

        public static bool IsAsciiHexDigit(char c) => char.IsAsciiDigit(c) || c is (>= 'a' and <= 'f') or (>= 'A' and <= 'F');
    }

    extension(Enum)
    {
        public static TEnum[] GetValues<TEnum>()
            where TEnum : struct, Enum => (TEnum[])Enum.GetValues(typeof(TEnum));
    }

    extension(TimeSpan)
    {
        public static long TicksPerMicrosecond => 10;
    }

    extension(DateTime)
    {
        public static DateTime UnixEpoch => new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    }

}

/// <summary><c>DateTimeOffset.UnixEpoch</c> (a class of its own: its accessor would clash with DateTime's).</summary>
internal static class DateTimeOffsetExtensions
{
    extension(DateTimeOffset)
    {
        public static DateTimeOffset UnixEpoch => new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    extension(TimeZoneInfo)
    {
        public static bool TryFindSystemTimeZoneById(string id, out TimeZoneInfo? zone)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(id);
                return true;
            }
            catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                zone = null;
                return false;
            }
        }
    }

    extension(Convert)
    {
        public static string ToHexStringLower(ReadOnlySpan<byte> bytes)
        {
            var sb = new System.Text.StringBuilder(bytes.Length * 2);
            foreach (var b in bytes)
            {
                sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
    }
}
