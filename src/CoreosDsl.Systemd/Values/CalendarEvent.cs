namespace CoreosDsl.Systemd;

/// <summary>
/// A systemd calendar event (<c>OnCalendar=</c>), parsed by the grammar of <c>systemd.time(7)</c> and agreeing
/// with <c>systemd-analyze calendar</c> on what is valid and on the normalized form.
/// </summary>
public sealed class CalendarEvent
{
    private CalendarEvent(string text, string normalized)
    {
        Text = text;
        Normalized = normalized;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The normalized form, as <c>systemd-analyze calendar</c> prints it (<c>*-*-* 05:00:00</c>).</summary>
    public string Normalized { get; }

    /// <summary>Parses a calendar expression.</summary>
    /// <exception cref="FormatException">Not a valid expression; the message says which part and why.</exception>
    public static CalendarEvent Parse(string text) => throw new NotImplementedException();

    /// <summary>Parses a calendar expression; returns false with a message when it is not valid.</summary>
    public static bool TryParse(string text, out CalendarEvent? value, out string? error) => throw new NotImplementedException();

    /// <summary>Every day at the given local time (<c>*-*-* HH:MM:SS</c>).</summary>
    public static CalendarEvent DailyAt(int hour, int minute, int second = 0) => throw new NotImplementedException();

    /// <summary>The expression as written.</summary>
    public override string ToString() => Text;
}
