using System.Buffers.Binary;
using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>
/// What systemd needs from the tz database: whether a zone name exists (<c>verify_timezone</c>) and the
/// standard/daylight abbreviations glibc puts in <c>tzname</c> for a local zone (<c>CET</c>/<c>CEST</c>).
/// </summary>
internal static class TimeZoneData
{
    /// <summary>Where systemd and glibc look for zone files.</summary>
    public const string ZoneInfoDirectory = "/usr/share/zoneinfo";

    /// <summary>
    /// systemd's <c>verify_timezone</c>: <c>UTC</c>, or a name of letters, digits, <c>- _ +</c> and single
    /// slashes that names a TZif file under <see cref="ZoneInfoDirectory"/>. Where that directory does not exist
    /// (Windows), the .NET time zone database decides.
    /// </summary>
    public static bool IsValidZoneName(string name) => ValidNames.GetOrAdd(name, CheckZoneName);

    // Zone files do not change while a build runs; analyzers parse the same expressions again and again.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ValidNames = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Abbreviations = new(StringComparer.Ordinal);

    private static bool CheckZoneName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        if (name == "UTC")
        {
            return true;
        }

        if (name[0] == '/' || name[^1] == '/' || name.Contains("//", StringComparison.Ordinal) || name.Length >= 4096)
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

        if (!Directory.Exists(ZoneInfoDirectory))
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(name, out _);
        }

        return ReadZoneFile(name) is not null;
    }

    /// <summary>The TZif file of a zone, or null when it does not exist or is not a TZif file.</summary>
    public static byte[]? ReadZoneFile(string name)
    {
        try
        {
            var path = Path.Combine(ZoneInfoDirectory, name);
            if (!File.Exists(path))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(path);
            return bytes.Length >= 4 && bytes[0] == 'T' && bytes[1] == 'Z' && bytes[2] == 'i' && bytes[3] == 'f' ? bytes : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// glibc's <c>tzname[0]</c> and <c>tzname[1]</c> for a program running today with <c>TZ</c> set to this zone:
    /// the standard and daylight abbreviations of the zone's current rule (the POSIX TZ string at the end of the
    /// TZif file, <c>CET-1CEST,M3.5.0,M10.5.0/3</c>; the standard one twice when the rule has no daylight time),
    /// or, without such a rule, those of the most recent transitions. <c>UTC</c> for <c>UTC</c> or an unknown zone.
    /// </summary>
    public static string[] LocalAbbreviations(string zone) => [.. Abbreviations.GetOrAdd(zone, ReadAbbreviations)];

    private static string[] ReadAbbreviations(string zone)
    {
        if (zone == "UTC")
        {
            return ["UTC", "UTC"];
        }

        var file = ReadZoneFile(zone);
        if (file is null)
        {
            return ["UTC", "UTC"];
        }

        try
        {
            return ParseAbbreviations(file);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            return ["UTC", "UTC"];
        }
    }

    /// <summary>Reads the abbreviations from a TZif file (RFC 8536), using the 64-bit data block when present.</summary>
    private static string[] ParseAbbreviations(byte[] file)
    {
        const int HeaderLength = 44;
        var header = ReadHeader(file, 0);
        var offset = HeaderLength;
        var timeSize = 4;
        if (file[4] >= '2')
        {
            // Skip the 32-bit block; the second header describes the 64-bit block that follows it.
            offset += header.BlockLength(4);
            header = ReadHeader(file, offset);
            offset += HeaderLength;
            timeSize = 8;
        }

        var transitionTypesStart = offset + (header.TimeCount * timeSize);
        var typesStart = transitionTypesStart + header.TimeCount;
        var abbreviationsStart = typesStart + (header.TypeCount * 6);
        if (abbreviationsStart + header.CharCount > file.Length)
        {
            throw new InvalidDataException($"expected {header.CharCount} abbreviation bytes at offset {abbreviationsStart}, found the end of the file");
        }

        string Abbreviation(int type)
        {
            var index = abbreviationsStart + file[typesStart + (type * 6) + 5];
            var end = index;
            while (end < abbreviationsStart + header.CharCount && file[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(file, index, end - index);
        }

        var footerStart = abbreviationsStart + header.CharCount + (header.LeapCount * (timeSize + 4)) + header.IsStdCount + header.IsUtCount;
        if (timeSize == 8 && TryParseRuleNames(file, footerStart, out var rule))
        {
            return rule;
        }

        string?[] names = [null, null];
        for (var i = header.TimeCount - 1; i >= 0; i--)
        {
            int type = file[transitionTypesStart + i];
            var dst = file[typesStart + (type * 6) + 4] != 0 ? 1 : 0;
            if (names[dst] is null)
            {
                names[dst] = Abbreviation(type);
                if (names[1 - dst] is not null)
                {
                    break;
                }
            }
        }

        names[0] ??= Abbreviation(0);
        names[1] ??= names[0];
        return [names[0]!, names[1]!];
    }

    /// <summary>
    /// The zone names of the POSIX TZ string in a TZif footer (<c>\nCET-1CEST,M3.5.0,M10.5.0/3\n</c>): a name is
    /// letters, or anything in angle brackets (<c>&lt;+1030&gt;</c>); the daylight name follows the standard offset.
    /// </summary>
    private static bool TryParseRuleNames(byte[] file, int start, out string[] names)
    {
        names = [];
        if (start >= file.Length || file[start] != '\n')
        {
            return false;
        }

        var end = Array.IndexOf(file, (byte)'\n', start + 1);
        if (end < 0)
        {
            return false;
        }

        var rule = Encoding.ASCII.GetString(file, start + 1, end - start - 1);
        var i = 0;
        var standard = ReadName(rule, ref i);
        if (standard is null)
        {
            return false;
        }

        while (i < rule.Length && (rule[i] is '+' or '-' or ':' || ValueText.IsDigit(rule[i])))
        {
            i++;
        }

        var daylight = ReadName(rule, ref i) ?? standard;
        names = [standard, daylight];
        return true;
    }

    private static string? ReadName(string rule, ref int i)
    {
        if (i < rule.Length && rule[i] == '<')
        {
            var close = rule.IndexOf('>', i);
            if (close < 0)
            {
                return null;
            }

            var name = rule[(i + 1)..close];
            i = close + 1;
            return name;
        }

        var start = i;
        while (i < rule.Length && ValueText.IsLetter(rule[i]))
        {
            i++;
        }

        return i - start >= 3 ? rule[start..i] : null;
    }

    private static TzifHeader ReadHeader(byte[] file, int offset)
    {
        if (file.Length < offset + 44 || !file.AsSpan(offset, 4).SequenceEqual("TZif"u8))
        {
            throw new InvalidDataException($"expected a TZif header at offset {offset}");
        }

        var counts = new int[6];
        for (var field = 0; field < 6; field++)
        {
            counts[field] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 20 + (field * 4))));
        }

        return new TzifHeader(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    private readonly record struct TzifHeader(int IsUtCount, int IsStdCount, int LeapCount, int TimeCount, int TypeCount, int CharCount)
    {
        public int BlockLength(int timeSize) =>
            (TimeCount * timeSize) + TimeCount + (TypeCount * 6) + CharCount + (LeapCount * (timeSize + 4)) + IsStdCount + IsUtCount;
    }
}
