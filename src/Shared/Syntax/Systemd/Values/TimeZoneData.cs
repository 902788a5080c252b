namespace CoreosDsl.Systemd;

/// <summary>
/// What systemd needs from the tz database: whether a zone name exists (<c>verify_timezone</c>) and the
/// standard/daylight abbreviations glibc puts in <c>tzname</c> for a local zone (<c>CET</c>/<c>CEST</c>). The zones
/// are data shipped inside the assembly (<c>Data/TimeZones.txt</c>, generated from tzdata by
/// <c>Data/timezones-from-tzdata.py</c>), so that the runtime and the analyzers answer the same on every machine and
/// no build reads the build machine's <c>/usr/share/zoneinfo</c>.
/// </summary>
internal static class TimeZoneData
{
    /// <summary>The name of the embedded zone list, in this assembly and in the analyzer assembly.</summary>
    public const string ResourceName = "CoreosDsl.Systemd.TimeZones.txt";

    private static readonly string[] Utc = ["UTC", "UTC"];

    private static readonly Lazy<Dictionary<string, string[]>> Zones = new(Load);

    /// <summary>
    /// systemd's <c>verify_timezone</c>: <c>UTC</c>, or a name of letters, digits, <c>- _ +</c> and single slashes
    /// that is a zone of the tz database.
    /// </summary>
    public static bool IsValidZoneName(string name)
    {
        if (name == "UTC")
        {
            return true;
        }

        if (name.Length == 0 || name[0] == '/' || name[^1] == '/' || name.Contains("//", StringComparison.Ordinal) || name.Length >= 4096)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(ValueText.IsLetter(c) || ValueText.IsDigit(c) || c is '-' or '_' or '+' or '/'))
            {
                return false;
            }
        }

        return Zones.Value.ContainsKey(name);
    }

    /// <summary>
    /// glibc's <c>tzname[0]</c> and <c>tzname[1]</c> for a program running today with <c>TZ</c> set to this zone:
    /// the standard and daylight abbreviations of the zone's current rule (the standard one twice when the rule has
    /// no daylight time). <c>UTC</c> for <c>UTC</c> or an unknown zone.
    /// </summary>
    public static string[] LocalAbbreviations(string zone) =>
        [.. zone != "UTC" && Zones.Value.TryGetValue(zone, out var names) ? names : Utc];

    /// <summary>Reads the embedded list: comment lines start with <c>#</c>; each other line is <c>ZONE STANDARD DAYLIGHT</c>.</summary>
    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(TimeZoneData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from {typeof(TimeZoneData).Assembly.GetName().Name}: embed src/Shared/Syntax/Systemd/Data/TimeZones.txt under that name.");
        using var reader = new StreamReader(stream);
        var zones = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            if (fields.Length != 3)
            {
                throw new InvalidOperationException($"{ResourceName}: expected 'ZONE STANDARD DAYLIGHT', found '{line}'");
            }

            zones[fields[0]] = [fields[1], fields[2]];
        }

        return zones;
    }
}
