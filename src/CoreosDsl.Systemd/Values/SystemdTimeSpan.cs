namespace CoreosDsl.Systemd;

/// <summary>The default unit of a time span written without a unit (see <c>value-grammars.md</c> §3).</summary>
public enum TimeSpanDefaultUnit
{
    /// <summary>Seconds: the default of <c>config_parse_sec</c> (RestartSec=, TimeoutSec=, …).</summary>
    Seconds,
    /// <summary>Microseconds: LimitRTTIME=.</summary>
    Microseconds,
    /// <summary>Nanoseconds: TimerSlackNSec= (<c>config_parse_nsec</c>, which also knows <c>ns</c>/<c>nsec</c>).</summary>
    Nanoseconds,
}

/// <summary>
/// Formats and parses systemd time spans (<c>1h 30min</c>, <c>10s</c>, <c>infinity</c>), agreeing with
/// <c>systemd-analyze timespan</c>. <see cref="Timeout.InfiniteTimeSpan"/> stands for <c>infinity</c>.
/// </summary>
public static class SystemdTimeSpan
{
    /// <summary>Formats <paramref name="value"/> with the largest units first (<c>1h 30min</c>, <c>500ms</c>), or <c>infinity</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not a whole number of microseconds.</exception>
    public static string Format(TimeSpan value) => throw new NotImplementedException();

    /// <summary>Parses a time span; returns false with a message naming the problem when the text is not one.</summary>
    public static bool TryParse(string text, TimeSpanDefaultUnit defaultUnit, out TimeSpan value, out string? error) => throw new NotImplementedException();

    /// <summary>Parses a time span.</summary>
    /// <exception cref="FormatException">The text is not a systemd time span; the message says why.</exception>
    public static TimeSpan Parse(string text, TimeSpanDefaultUnit defaultUnit = TimeSpanDefaultUnit.Seconds) => throw new NotImplementedException();
}
