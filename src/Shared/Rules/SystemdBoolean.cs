namespace CoreosDsl.Rules;

/// <summary>systemd's <c>parse_boolean()</c>: the words it reads as true or false, in any case.</summary>
internal static class SystemdBoolean
{
    /// <summary>True when <paramref name="text"/> is a boolean systemd reads; <paramref name="value"/> is its meaning.</summary>
    public static bool TryParse(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "1" or "yes" or "y" or "true" or "t" or "on":
                value = true;
                return true;
            case "0" or "no" or "n" or "false" or "f" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
