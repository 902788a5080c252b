using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>systemd's <c>parse_boolean()</c>: the words it reads as true or false, in any case.</summary>
internal static class SystemdBoolean
{
    /// <summary>True when <paramref name="text"/> is a boolean systemd reads; <paramref name="value"/> is its meaning.</summary>
    public static bool TryParse(string text, out bool value) => ValueText.TryParseBoolean(text, out value);
}
