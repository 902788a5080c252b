namespace CoreosDsl.Systemd;

/// <summary>
/// Parses calendar expressions exactly as systemd's <c>calendar_spec_from_string</c> does (<c>value-grammars.md</c>
/// §4), step by step in the same order so that the same texts are accepted and refused, and says at each
/// refusal which rule was broken and where.
/// </summary>
internal sealed class CalendarSpecParser
{
    /// <summary>systemd's <c>CALENDARSPEC_COMPONENTS_MAX</c>: how deep a comma chain may nest.</summary>
    private const int MaxComponents = 240;

    private static readonly (string Name, int Number)[] Weekdays =
    [
        ("Monday", 0), ("Mon", 0), ("Tuesday", 1), ("Tue", 1), ("Wednesday", 2), ("Wed", 2),
        ("Thursday", 3), ("Thu", 3), ("Friday", 4), ("Fri", 4), ("Saturday", 5), ("Sat", 5),
        ("Sunday", 6), ("Sun", 6),
    ];

    private static readonly string[] Shorthands =
    [
        "minutely", "hourly", "daily", "monthly", "annually", "yearly", "anually", "weekly", "quarterly",
        "biannually", "bi-annually", "semiannually", "semi-annually",
    ];

    /// <summary>The text being parsed, with a trailing time zone removed; positions are those of the original.</summary>
    private readonly string s;
    private readonly CalendarSpec spec;
    private int pos;

    private CalendarSpecParser(string text, CalendarSpec spec)
    {
        s = text;
        this.spec = spec;
    }

    /// <summary>Why the text was refused: set once, by <see cref="Refuse"/>, when a step returns false.</summary>
    private string? refusal;

    /// <summary>Parses <paramref name="text"/>; <paramref name="localAbbreviations"/> are the local zone's tzname[0..1].</summary>
    public static bool TryParse(string text, string[] localAbbreviations, out CalendarSpec? spec, out string? reason)
    {
        // Each step returns false at the first refusal, which the analyzers meet on every bad literal: a reason,
        // not an exception, on their hot path.
        spec = new CalendarSpec { LocalAbbreviations = localAbbreviations };
        var body = StripTimeZone(text, spec);
        var parser = new CalendarSpecParser(body, spec);
        if (parser.ParseBody())
        {
            spec.Normalize();
            reason = spec.Validate();
            if (reason is null)
            {
                return true;
            }
        }
        else
        {
            reason = parser.refusal + Hint(text, spec);
        }

        spec = null;
        return false;
    }

    /// <summary>A hint for the mistakes the position alone does not explain: stray spaces and unknown zones.</summary>
    private static string Hint(string text, CalendarSpec spec)
    {
        if (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
        {
            return "; remove the space at the " + (text[0] == ' ' ? "start" : "end");
        }

        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace >= 0 && !spec.Utc && spec.TimeZone is null && spec.Dst < 0)
        {
            var word = text[(lastSpace + 1)..];
            if (word.Contains('/', StringComparison.Ordinal) || (word.Length >= 3 && word.All(ValueText.IsLetter)))
            {
                return $"; '{word}' is not UTC, a local zone abbreviation ({string.Join(", ", spec.LocalAbbreviations.Distinct())}) or a zone in the tz database";
            }
        }

        return "";
    }

    /// <summary>
    /// Recognizes a trailing time zone the way systemd does: <c> UTC</c> (any case), then the local zone's
    /// abbreviations (any case), then the last space-separated word if it names a zone in the tz database.
    /// </summary>
    private static string StripTimeZone(string p, CalendarSpec spec)
    {
        if (ValueText.EndsWithNoCase(p, " UTC"))
        {
            spec.Utc = true;
            return p[..^4];
        }

        for (var j = 0; j <= 1; j++)
        {
            var name = spec.LocalAbbreviations[j];
            if (name.Length == 0 || !ValueText.EndsWithNoCase(p, name))
            {
                continue;
            }

            var e = p.Length - name.Length;
            if (e == 0 || p[e - 1] != ' ')
            {
                continue;
            }

            spec.Dst = j;
            return p[..(e - 1)];
        }

        var lastSpace = p.LastIndexOf(' ');
        if (lastSpace >= 0 && TimeZoneData.IsValidZoneName(p[(lastSpace + 1)..]))
        {
            spec.TimeZone = p[(lastSpace + 1)..];
            return p[..lastSpace];
        }

        return p;
    }

    private char Current => pos < s.Length ? s[pos] : '\0';

    private char At(int index) => index < s.Length ? s[index] : '\0';

    /// <summary>Records why the text is refused; returns false, for <c>return Refuse(...)</c>.</summary>
    private bool Refuse(string reason)
    {
        refusal = reason;
        return false;
    }

    /// <summary><see cref="Refuse"/> for a step that returns an item: null.</summary>
    private CalendarComponent? RefuseItem(string reason)
    {
        refusal = reason;
        return null;
    }

    private bool ParseBody()
    {
        if (s.Length == 0)
        {
            return Refuse("it is empty; write for example 'daily' or '*-*-* 05:00:00'");
        }

        foreach (var shorthand in Shorthands)
        {
            if (ValueText.EqualsNoCase(s, shorthand))
            {
                ApplyShorthand(shorthand);
                return true;
            }
        }

        if (!ParseWeekdays() || !ParseDate(out var epoch) || (!epoch && !ParseTime()))
        {
            return false;
        }

        if (pos < s.Length)
        {
            return Refuse(epoch
                ? $"only a time zone may follow '@SECONDS', found {ValueText.Describe(s, pos)} at column {pos + 1}"
                : $"unexpected {ValueText.Describe(s, pos)} at column {pos + 1}");
        }

        return true;
    }

    private void ApplyShorthand(string shorthand)
    {
        var lower = shorthand.ToLowerInvariant();
        spec.Microsecond = CalendarSpec.Constant(0);
        if (lower == "minutely")
        {
            return;
        }

        spec.Minute = CalendarSpec.Constant(0);
        if (lower == "hourly")
        {
            return;
        }

        spec.Hour = CalendarSpec.Constant(0);
        switch (lower)
        {
            case "daily":
                break;
            case "weekly":
                spec.WeekdayBits = 1;
                break;
            case "monthly":
                spec.Day = CalendarSpec.Constant(1);
                break;
            case "annually" or "yearly" or "anually":
                spec.Month = CalendarSpec.Constant(1);
                spec.Day = CalendarSpec.Constant(1);
                break;
            case "quarterly":
                spec.Month = CalendarSpec.Constant(1, 4, 7, 10);
                spec.Day = CalendarSpec.Constant(1);
                break;
            default: // the semi-annual spellings
                spec.Month = CalendarSpec.Constant(1, 7);
                spec.Day = CalendarSpec.Constant(1);
                break;
        }
    }

    /// <summary>systemd's <c>parse_weekdays</c>: an optional leading list of weekdays and weekday ranges.</summary>
    private bool ParseWeekdays()
    {
        var rangeStart = -1;
        var first = true;
        var bits = 0;
        while (true)
        {
            var matched = -1;
            foreach (var (name, number) in Weekdays)
            {
                if (!ValueText.StartsWithNoCase(s, pos, name))
                {
                    continue;
                }

                var next = At(pos + name.Length);
                if (next is not ('\0' or '-' or '.' or ',' or ' '))
                {
                    return Refuse($"'{s[pos..Math.Min(s.Length, pos + name.Length + 1)]}' at column {pos + 1} is not a weekday; write Mon, Tue, … or Monday, Tuesday, …");
                }

                bits |= 1 << number;
                if (rangeStart >= 0)
                {
                    if (rangeStart > number)
                    {
                        return Refuse($"the weekday range ending in {name} at column {pos + 1} runs backwards; weekdays go Mon..Sun");
                    }

                    for (var j = rangeStart + 1; j < number; j++)
                    {
                        bits |= 1 << j;
                    }
                }

                pos += name.Length;
                matched = number;
                break;
            }

            if (matched < 0)
            {
                if (first)
                {
                    spec.WeekdayBits = bits == 0 ? -1 : bits;
                    return true;
                }

                return Refuse($"expected a weekday at column {pos + 1}, found {ValueText.Describe(s, pos)}");
            }

            spec.WeekdayBits = bits;
            if (pos >= s.Length)
            {
                return true;
            }

            if (Current == ' ')
            {
                SkipSpaces();
                return true;
            }

            if (Current == '.')
            {
                if (rangeStart >= 0)
                {
                    return Refuse($"a weekday range at column {pos + 1} cannot continue another range; separate ranges with ','");
                }

                if (At(pos + 1) != '.')
                {
                    return Refuse($"a single '.' at column {pos + 1}; a weekday range is written Mon..Fri");
                }

                rangeStart = matched;
                pos += 2;
            }
            else if (Current == '-')
            {
                // The legacy range syntax Mon-Fri.
                if (rangeStart >= 0)
                {
                    return Refuse($"a weekday range at column {pos + 1} cannot continue another range; separate ranges with ','");
                }

                rangeStart = matched;
                pos += 1;
            }
            else if (Current == ',')
            {
                rangeStart = -1;
                pos += 1;
            }

            // A trailing comma is fine, an open range is not.
            if (pos >= s.Length || Current == ' ')
            {
                SkipSpaces();
                if (rangeStart >= 0)
                {
                    return Refuse($"the weekday range before column {pos + 1} has no end; write for example Mon..Fri");
                }

                return true;
            }

            first = false;
        }
    }

    private void SkipSpaces()
    {
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }
    }

    /// <summary>
    /// systemd's <c>parse_date</c>: <c>@SECONDS</c>, <c>MONTH-DAY</c> or <c>YEAR-MONTH-DAY</c> (<c>~</c> instead of
    /// the last <c>-</c> counts back from the end of the month). Returns true for <c>@SECONDS</c>, after which no
    /// time may follow. When the first chain is followed by <c>:</c> it was a time, and nothing is consumed.
    /// </summary>
    private bool ParseDate(out bool epoch)
    {
        epoch = false;
        if (pos >= s.Length)
        {
            return true;
        }

        if (Current == '@')
        {
            epoch = true;
            return ParseEpoch();
        }

        var start = pos;
        if (!ParseChain(false, "year or month", out var first))
        {
            return false;
        }

        if (pos >= s.Length || Current == ':')
        {
            pos = start; // a time, not a date: parsed again as the hour
            return true;
        }

        if (Current == '~')
        {
            spec.EndOfMonth = true;
        }
        else if (Current != '-')
        {
            return Refuse(Current == ' '
                ? $"'{s[start..pos]}' at column {start + 1} is neither a date (MONTH-DAY) nor a time (HH:MM)"
                : $"expected '-' or '~' at column {pos + 1}, found {ValueText.Describe(s, pos)}");
        }

        pos++;
        if (!ParseChain(false, spec.EndOfMonth ? "day" : "month or day", out var second))
        {
            return false;
        }

        if (pos >= s.Length || Current == ' ')
        {
            SkipSpaces();
            spec.Month = first;
            spec.Day = second;
            return true;
        }

        if (spec.EndOfMonth)
        {
            return Refuse($"'~' counts the day back from the end of the month, so it must come last: expected the end of the date at column {pos + 1}");
        }

        if (Current == '~')
        {
            spec.EndOfMonth = true;
        }
        else if (Current != '-')
        {
            return Refuse($"expected '-' or '~' at column {pos + 1}, found {ValueText.Describe(s, pos)}");
        }

        pos++;
        if (!ParseChain(false, "day", out var third))
        {
            return false;
        }

        if (pos < s.Length && Current != ' ')
        {
            return Refuse($"expected a space or the end after the date at column {pos + 1}, found {ValueText.Describe(s, pos)}");
        }

        SkipSpaces();
        spec.Year = first;
        spec.Month = second;
        spec.Day = third;
        return true;
    }

    /// <summary><c>@SECONDS</c>: one UTC instant, read with C <c>strtoul</c> and broken down with <c>gmtime</c>.</summary>
    private bool ParseEpoch()
    {
        var column = pos + 1;
        if (!ValueText.StrToULong(s, pos + 1, out var value, out var end, out var overflow))
        {
            return Refuse($"expected seconds since 1970-01-01 after the '@' at column {column}");
        }

        if (overflow)
        {
            return Refuse($"the number after the '@' at column {column} is too large");
        }

        // time_t is signed: strtoul's "-1" wraps around to -1, i.e. 1969-12-31 23:59:59.
        var seconds = unchecked((long)value);
        const long LastAccepted = 7258118399; // 2199-12-31 23:59:59 UTC
        if (seconds is < 0 or > LastAccepted)
        {
            var when = seconds < 0 ? "before 1970" : "after the year 2199";
            return Refuse($"@{seconds} at column {column} is {when}; systemd accepts the years {CalendarSpec.MinYear}..{CalendarSpec.MaxYear}");
        }

        var t = DateTime.UnixEpoch.AddSeconds(seconds);
        spec.Utc = true;
        spec.Year = [new CalendarComponent(t.Year, -1, 0, column)];
        spec.Month = [new CalendarComponent(t.Month, -1, 0, column)];
        spec.Day = [new CalendarComponent(t.Day, -1, 0, column)];
        spec.Hour = [new CalendarComponent(t.Hour, -1, 0, column)];
        spec.Minute = [new CalendarComponent(t.Minute, -1, 0, column)];
        spec.Microsecond = [new CalendarComponent(t.Second * CalendarSpec.UsecPerSecond, -1, 0, column)];
        pos = end;
        return true;
    }

    /// <summary>systemd's <c>parse_calendar_time</c>: <c>HH:MM</c> or <c>HH:MM:SS</c>; nothing means midnight.</summary>
    private bool ParseTime()
    {
        if (pos >= s.Length)
        {
            spec.Hour = CalendarSpec.Constant(0);
            spec.Minute = CalendarSpec.Constant(0);
            spec.Microsecond = CalendarSpec.Constant(0);
            return true;
        }

        if (!ParseChain(false, "hour", out var hour))
        {
            return false;
        }

        if (Current != ':')
        {
            return Refuse($"expected ':' after the hour at column {pos + 1}, found {ValueText.Describe(s, pos)}");
        }

        pos++;
        if (!ParseChain(false, "minute", out var minute))
        {
            return false;
        }

        List<CalendarComponent>? second;
        if (pos >= s.Length)
        {
            second = CalendarSpec.Constant(0);
        }
        else
        {
            if (Current != ':')
            {
                return Refuse($"expected ':' after the minute at column {pos + 1}, found {ValueText.Describe(s, pos)}");
            }

            pos++;
            if (!ParseChain(true, "second", out second))
            {
                return false;
            }

            if (pos < s.Length)
            {
                return Refuse($"unexpected {ValueText.Describe(s, pos)} after the seconds at column {pos + 1}");
            }
        }

        spec.Hour = hour;
        spec.Minute = minute;
        spec.Microsecond = second;
        return true;
    }

    /// <summary>systemd's <c>parse_chain</c>: <c>*</c> (<paramref name="chain"/> null: any) or a comma-separated list of items.</summary>
    private bool ParseChain(bool usec, string field, out List<CalendarComponent>? chain)
    {
        chain = null;
        if (Current == '*')
        {
            pos++;
            if (Current == '/')
            {
                return Refuse($"'*/' at column {pos} is not systemd syntax; a repetition starts at a value, as in 0/15 (*:0/15 is every 15 minutes)");
            }

            chain = usec ? [new CalendarComponent(0, -1, CalendarSpec.UsecPerSecond, pos)] : null;
            return true;
        }

        var items = new List<CalendarComponent>();
        for (var nesting = 0; ; nesting++)
        {
            if (nesting > MaxComponents)
            {
                return Refuse($"the {field} list has more than {MaxComponents + 1} items");
            }

            var item = ParseComponent(usec, field);
            if (item is null)
            {
                return false;
            }

            items.Add(item);
            if (Current != ',')
            {
                chain = items;
                return true;
            }

            pos++;
        }
    }

    /// <summary>
    /// systemd's <c>prepend_component</c>: <c>N</c>, <c>N..M</c>, <c>N/STEP</c>, <c>N..M/STEP</c>; null when refused.
    /// </summary>
    private CalendarComponent? ParseComponent(bool usec, string field)
    {
        var column = pos + 1;
        if (!ParseDecimal(usec, field, out var start))
        {
            return null;
        }

        var stop = -1;
        var repeat = 0;
        if (Current == '.' && At(pos + 1) == '.')
        {
            pos += 2;
            if (!ParseDecimal(usec, field, out stop))
            {
                return null;
            }

            repeat = usec ? CalendarSpec.UsecPerSecond : 1;
        }

        if (Current == '/')
        {
            pos++;
            var stepColumn = pos + 1;
            if (!ParseDecimal(usec, field, out repeat))
            {
                return null;
            }

            if (repeat == 0)
            {
                return RefuseItem($"the {field} step at column {stepColumn} is 0; a step must be at least 1");
            }
        }
        else
        {
            if (start > int.MaxValue - repeat)
            {
                return RefuseItem($"the {field} at column {column} is too large");
            }

            if (usec && stop >= 0 && start + repeat > stop)
            {
                return RefuseItem($"the second range at column {column} is shorter than one second; give a step, as in 0..0.5/0.1");
            }
        }

        if (Current is not ('\0' or ' ' or ',' or '-' or '~' or ':'))
        {
            return RefuseItem(Current == '.' && !usec
                ? $"the {field} at column {column} cannot have a fraction; only seconds can"
                : $"unexpected {ValueText.Describe(s, pos)} in the {field} at column {pos + 1}");
        }

        return new CalendarComponent(start, stop, repeat, column);
    }

    /// <summary>
    /// systemd's <c>parse_component_decimal</c>: digits; for seconds also a fraction of up to six digits (a
    /// seventh digit of 5 or more rounds up), stored in microseconds.
    /// </summary>
    private bool ParseDecimal(bool usec, string field, out int number)
    {
        number = 0;
        if (!ValueText.IsDigit(Current))
        {
            return Refuse($"expected a number for the {field} at column {pos + 1}, found {ValueText.Describe(s, pos)}");
        }

        var column = pos + 1;
        ValueText.StrToULong(s, pos, out var value, out var e, out var overflow);
        if (overflow)
        {
            return Refuse($"the {field} at column {column} is too large");
        }

        if (usec)
        {
            if (value > ulong.MaxValue / CalendarSpec.UsecPerSecond)
            {
                return Refuse($"the {field} at column {column} is too large");
            }

            value *= CalendarSpec.UsecPerSecond;
            if (At(e) == '.' && At(e + 1) != '.')
            {
                e++;
                if (!ParseFraction(ref e, column, out var fraction))
                {
                    return false;
                }

                value += fraction;
            }
        }

        if (value > int.MaxValue)
        {
            return Refuse($"the {field} at column {column} is too large");
        }

        pos = e;
        number = (int)value;
        return true;
    }

    /// <summary>systemd's <c>parse_fractional_part_u</c> with six digits.</summary>
    private bool ParseFraction(ref int e, int column, out uint value)
    {
        value = 0;
        if (!ValueText.IsDigit(At(e)))
        {
            return Refuse($"the '.' in the second at column {column} must be followed by a digit");
        }

        var i = 0;
        for (; i < 6; i++, e++)
        {
            if (!ValueText.IsDigit(At(e)))
            {
                for (; i < 6; i++)
                {
                    value *= 10;
                }

                break;
            }

            value = (value * 10) + (uint)(s[e] - '0');
        }

        if (At(e) is >= '5' and <= '9')
        {
            value++;
        }

        while (ValueText.IsDigit(At(e)))
        {
            e++;
        }

        return true;
    }
}
