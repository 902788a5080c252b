using System.Globalization;

namespace CoreosDsl.Systemd;

/// <summary>
/// A systemd calendar event (<c>OnCalendar=</c>), parsed by the grammar of <c>systemd.time(7)</c> and agreeing
/// with <c>systemd-analyze calendar</c> on what is valid and on the normalized form.
/// </summary>
/// <remarks>
/// <para>The parser follows systemd's <c>calendar_spec_from_string</c> step by step (<c>value-grammars.md</c> §4):
/// shorthands (<c>daily</c>, …), weekday lists and ranges (<c>Mon..Fri</c>, legacy <c>Mon-Fri</c>), dates with
/// <c>~</c> counted from the end of the month, chains <c>N..M/STEP</c>, fractional seconds, <c>@EPOCH</c>, and a
/// trailing time zone. An error names the rule that was broken and the column.</para>
/// <para>A time zone is recognized as systemd does it on the machine that runs the timer: <c>UTC</c>, the
/// abbreviations of that machine's local zone (for <c>Europe/Berlin</c>: <c>CET</c> and <c>CEST</c>), or a
/// zone name in the tz database (shipped as data, <c>Data/TimeZones.txt</c>, generated from tzdata). That machine's
/// zone is a parameter, not the zone of the computer running this code, so results do not depend on where a build
/// runs; it defaults to <c>UTC</c>, the default of CoreOS and Flatcar.</para>
/// </remarks>
public sealed class CalendarEvent
{
    private readonly CalendarSpec spec;

    private CalendarEvent(string text, string normalized, CalendarSpec spec, string localTimeZone)
    {
        Text = text;
        Normalized = normalized;
        this.spec = spec;
        LocalTimeZone = localTimeZone;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The normalized form, as <c>systemd-analyze calendar</c> prints it (<c>*-*-* 05:00:00</c>).</summary>
    public string Normalized { get; }

    /// <summary>The local time zone of the machine running the timer, as given when parsing (<c>UTC</c> by default).</summary>
    public string LocalTimeZone { get; }

    /// <summary>Parses a calendar expression.</summary>
    /// <exception cref="FormatException">Not a valid expression; the message says which part and why.</exception>
    public static CalendarEvent Parse(string text) => Parse(text, "UTC");

    /// <summary>Parses a calendar expression for a machine whose local time zone is <paramref name="localTimeZone"/>.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="localTimeZone">The tz database name of the target machine's local zone (<c>Europe/Berlin</c>), or <c>UTC</c>.</param>
    /// <exception cref="FormatException">Not a valid expression; the message says which part and why.</exception>
    /// <exception cref="ArgumentException"><paramref name="localTimeZone"/> is not a zone in the tz database.</exception>
    public static CalendarEvent Parse(string text, string localTimeZone) =>
        TryParse(text, localTimeZone, out var value, out var error) ? value! : throw new FormatException(error);

    /// <summary>Parses a calendar expression; returns false with a message when it is not valid.</summary>
    public static bool TryParse(string text, out CalendarEvent? value, out string? error) =>
        TryParse(text, "UTC", out value, out error);

    /// <summary>Parses a calendar expression for a machine whose local time zone is <paramref name="localTimeZone"/>;
    /// returns false with a message when it is not valid.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="localTimeZone">The tz database name of the target machine's local zone (<c>Europe/Berlin</c>), or <c>UTC</c>.</param>
    /// <param name="value">The parsed event.</param>
    /// <param name="error">What is wrong and where; null on success.</param>
    /// <exception cref="ArgumentException"><paramref name="localTimeZone"/> is not a zone in the tz database.</exception>
    public static bool TryParse(string text, string localTimeZone, out CalendarEvent? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(localTimeZone);
        if (!TimeZoneData.IsValidZoneName(localTimeZone))
        {
            throw new ArgumentException($"{ValueText.Quote(localTimeZone)} is not a time zone in the tz database.", nameof(localTimeZone));
        }

        value = null;
        var abbreviations = TimeZoneData.LocalAbbreviations(localTimeZone);
        if (!CalendarSpecParser.TryParse(text, abbreviations, out var spec, out var reason))
        {
            error = ValueText.Error(text, "a calendar event", reason!);
            return false;
        }

        error = null;
        value = new CalendarEvent(text, spec!.Format(), spec, localTimeZone);
        return true;
    }

    /// <summary>Every day at the given local time (<c>*-*-* HH:MM:SS</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Hour, minute or second out of range.</exception>
    public static CalendarEvent DailyAt(int hour, int minute, int second = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        ArgumentOutOfRangeException.ThrowIfNegative(minute);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, 59);
        ArgumentOutOfRangeException.ThrowIfNegative(second);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(second, 59);
        return Parse(string.Create(CultureInfo.InvariantCulture, $"*-*-* {hour:00}:{minute:00}:{second:00}"));
    }

    /// <summary>
    /// The first time after <paramref name="after"/> at which the event elapses, or null when it never will
    /// (systemd's "Next elapse", computed like <c>systemd-analyze calendar --base-time=</c>).
    /// </summary>
    /// <remarks>Exact in UTC; in other zones, wall times inside a daylight-saving change are resolved as glibc's
    /// <c>mktime</c> does for a gap (the offset before it) and as the first of two repeated times. Leap seconds of the
    /// <c>right/</c> zones are not modeled.</remarks>
    public DateTimeOffset? NextElapse(DateTimeOffset after)
    {
        var usec = (after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        var next = CalendarNextElapse.Next(spec, LocalTimeZone, usec);
        return next is null ? null : DateTimeOffset.UnixEpoch.AddTicks(next.Value * TimeSpan.TicksPerMicrosecond);
    }

    /// <summary>The expression as written.</summary>
    public override string ToString() => Text;
}
