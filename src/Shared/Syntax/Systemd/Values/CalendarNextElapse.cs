namespace CoreosDsl.Systemd;

/// <summary>
/// When a calendar expression elapses next: systemd's <c>calendar_spec_next_usec</c> and <c>find_next</c>,
/// including their use of C's <c>struct tm</c> normalization (<c>timegm</c>/<c>mktime</c>), which decides how
/// impossible dates (<c>*-02-30</c>) and daylight saving gaps are skipped.
/// </summary>
/// <remarks>
/// In UTC the result is exact. In other zones the wall-clock arithmetic is the same; for a wall time inside a
/// daylight-saving gap the offset before the gap is used (as glibc's <c>mktime</c> does), and a wall time that
/// occurs twice resolves to its first occurrence.
/// </remarks>
internal static class CalendarNextElapse
{
    private const int UsecPerSecond = CalendarSpec.UsecPerSecond;
    private const int MaxIterations = 1000;

    /// <summary>C's <c>struct tm</c>, with <see cref="Year"/> in years since 1900 like <c>tm_year</c>.</summary>
    private struct Tm
    {
        public long Year;
        public long Mon;
        public long Mday;
        public long Hour;
        public long Min;
        public long Sec;
        public int Isdst;
        public int Wday;
    }

    /// <summary>How local time is computed: UTC, or a zone with its offsets.</summary>
    private sealed class Clock(TimeZoneInfo? zone)
    {
        public bool IsUtc => zone is null;

        /// <summary><c>gmtime_r</c>/<c>localtime_r</c>.</summary>
        public Tm Breakdown(long t)
        {
            var offset = zone is null ? 0 : (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(t)).TotalSeconds;
            var tm = FromWallSeconds(t + offset);
            tm.Isdst = zone is not null && zone.IsDaylightSavingTime(DateTimeOffset.FromUnixTimeSeconds(t)) ? 1 : 0;
            return tm;
        }

        /// <summary><c>timegm</c>/<c>mktime</c>: normalizes the fields in place and returns the instant.</summary>
        public long MakeTime(ref Tm tm)
        {
            var wall = ToWallSeconds(tm);
            long t;
            if (zone is null)
            {
                t = wall;
            }
            else
            {
                var wallTime = DateTime.SpecifyKind(DateTime.UnixEpoch.AddSeconds(wall), DateTimeKind.Unspecified);
                var standard = (long)zone.BaseUtcOffset.TotalSeconds;
                long offset;
                if (tm.Isdst == 0)
                {
                    offset = standard;
                }
                else if (tm.Isdst > 0)
                {
                    offset = standard + DaylightDelta(wallTime);
                }
                else if (zone.IsInvalidTime(wallTime))
                {
                    offset = (long)zone.GetUtcOffset(wallTime.AddHours(-3)).TotalSeconds;
                }
                else if (zone.IsAmbiguousTime(wallTime))
                {
                    offset = (long)zone.GetAmbiguousTimeOffsets(wallTime).Max().TotalSeconds;
                }
                else
                {
                    offset = (long)zone.GetUtcOffset(wallTime).TotalSeconds;
                }

                t = wall - offset;
            }

            tm = Breakdown(t);
            return t;
        }

        private long DaylightDelta(DateTime wallTime)
        {
            var rule = zone!.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= wallTime && wallTime <= r.DateEnd);
            return rule is null || rule.DaylightDelta == TimeSpan.Zero ? 3600 : (long)rule.DaylightDelta.TotalSeconds;
        }
    }

    /// <summary>
    /// The first time after <paramref name="after"/> (in microseconds since the epoch) at which the expression
    /// elapses, or null when it never will (or only after 2199).
    /// </summary>
    public static long? Next(CalendarSpec spec, string localZone, long after)
    {
        var zoneName = spec.Utc ? null : spec.TimeZone ?? (localZone == "UTC" ? null : localZone);
        TimeZoneInfo? zone = null;
        if (zoneName is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out zone))
        {
            zone = null;
        }

        var clock = new Clock(zone);
        var usec = after + 1;
        var tm = clock.Breakdown(FloorDiv(usec, UsecPerSecond));
        var tmUsec = usec - (FloorDiv(usec, UsecPerSecond) * UsecPerSecond);
        if (!FindNext(spec, clock, ref tm, ref tmUsec))
        {
            return null;
        }

        var t = clock.MakeTime(ref tm);
        return (t * UsecPerSecond) + tmUsec;
    }

    private static bool FindNext(CalendarSpec spec, Clock clock, ref Tm tm, ref long usec)
    {
        var c = tm;
        var tmUsec = usec;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            clock.MakeTime(ref c);
            c.Isdst = spec.Dst;

            c.Year += 1900;
            var r = FindMatchingComponent(spec, spec.Year, c, clock, ref c.Year);
            c.Year -= 1900;
            if (r > 0)
            {
                c.Mon = 0;
                c.Mday = 1;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
            }

            if (r < 0 || WithinBounds(ref c, clock) <= 0)
            {
                return false;
            }

            c.Mon += 1;
            r = FindMatchingComponent(spec, spec.Month, c, clock, ref c.Mon);
            c.Mon -= 1;
            if (r > 0)
            {
                c.Mday = 1;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
            }

            if (r < 0 || (r = WithinBounds(ref c, clock)) < 0)
            {
                c.Year++;
                c.Mon = 0;
                c.Mday = 1;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
                continue;
            }

            if (r == 0)
            {
                continue;
            }

            r = FindMatchingComponent(spec, spec.Day, c, clock, ref c.Mday);
            if (r > 0)
            {
                c.Hour = c.Min = c.Sec = tmUsec = 0;
            }

            if (r < 0 || (r = WithinBounds(ref c, clock)) < 0)
            {
                c.Mon++;
                c.Mday = 1;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
                continue;
            }

            if (r == 0)
            {
                continue;
            }

            if (!MatchesWeekday(spec.WeekdayBits, c, clock))
            {
                c.Mday++;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
                continue;
            }

            r = FindMatchingComponent(spec, spec.Hour, c, clock, ref c.Hour);
            if (r > 0)
            {
                c.Min = c.Sec = tmUsec = 0;
            }

            if (r < 0 || (r = WithinBounds(ref c, clock)) < 0)
            {
                c.Mday++;
                c.Hour = c.Min = c.Sec = tmUsec = 0;
                continue;
            }

            if (r == 0)
            {
                continue; // the hour may be missing because of a time zone change: start again from the normalized time
            }

            r = FindMatchingComponent(spec, spec.Minute, c, clock, ref c.Min);
            if (r > 0)
            {
                c.Sec = tmUsec = 0;
            }

            if (r < 0 || (r = WithinBounds(ref c, clock)) < 0)
            {
                c.Hour++;
                c.Min = c.Sec = tmUsec = 0;
                continue;
            }

            if (r == 0)
            {
                continue;
            }

            c.Sec = (c.Sec * UsecPerSecond) + tmUsec;
            r = FindMatchingComponent(spec, spec.Microsecond, c, clock, ref c.Sec);
            tmUsec = c.Sec % UsecPerSecond;
            c.Sec /= UsecPerSecond;
            if (r < 0 || (r = WithinBounds(ref c, clock)) < 0)
            {
                c.Min++;
                c.Sec = tmUsec = 0;
                continue;
            }

            if (r == 0)
            {
                continue;
            }

            tm = c;
            usec = tmUsec;
            return true;
        }

        return false; // systemd reports "Infinite loop in calendar calculation" here
    }

    /// <summary>
    /// systemd's <c>find_matching_component</c>: the earliest value of the chain at or after <paramref name="value"/>.
    /// Returns 1 when the value changed, 0 when it already matched, -1 when nothing matches.
    /// </summary>
    private static int FindMatchingComponent(CalendarSpec spec, List<CalendarComponent>? chain, Tm tm, Clock clock, ref long value)
    {
        if (chain is null)
        {
            return 0;
        }

        var endOfMonth = spec.EndOfMonth && ReferenceEquals(chain, spec.Day);
        long best = -1;
        var found = false;
        foreach (var component in chain)
        {
            long start;
            long stop;
            if (endOfMonth)
            {
                start = EndOfMonthDay(tm, clock, component.Start);
                stop = EndOfMonthDay(tm, clock, component.Stop);
                if (stop > 0)
                {
                    (start, stop) = (stop, start);
                }
            }
            else
            {
                start = component.Start;
                stop = component.Stop;
            }

            if (start >= value)
            {
                if (!found || start < best)
                {
                    best = start;
                    found = true;
                }
            }
            else if (component.Repeat > 0)
            {
                var k = start + (component.Repeat * ((value - start + component.Repeat - 1) / component.Repeat));
                if ((!found || k < best) && (stop < 0 || k <= stop))
                {
                    best = k;
                    found = true;
                }
            }
        }

        if (!found)
        {
            return -1;
        }

        var changed = value != best ? 1 : 0;
        value = best;
        return changed;
    }

    /// <summary>systemd's <c>find_end_of_month</c>: the day that is <paramref name="day"/> days before the month's end.</summary>
    private static long EndOfMonthDay(Tm tm, Clock clock, int day)
    {
        var t = tm;
        t.Mon++;
        t.Mday = 1 - day;
        clock.MakeTime(ref t);
        return t.Mon != tm.Mon ? -1 : t.Mday;
    }

    /// <summary>
    /// systemd's <c>tm_within_bounds</c>: 1 when the fields are already normal, 0 when normalizing moved them
    /// forward (then <paramref name="tm"/> is normalized and smaller fields are reset), -1 past 2199 or backwards.
    /// </summary>
    private static int WithinBounds(ref Tm tm, Clock clock)
    {
        if (tm.Year + 1900 > CalendarSpec.MaxYear)
        {
            return -1;
        }

        var t = tm;
        clock.MakeTime(ref t);
        int cmp;
        if ((cmp = t.Year.CompareTo(tm.Year)) != 0)
        {
            t.Mon = 0;
        }
        else if ((cmp = t.Mon.CompareTo(tm.Mon)) != 0)
        {
            t.Mday = 1;
        }
        else if ((cmp = t.Mday.CompareTo(tm.Mday)) != 0)
        {
            t.Hour = 0;
        }
        else if ((cmp = t.Hour.CompareTo(tm.Hour)) != 0)
        {
            t.Min = 0;
        }
        else if ((cmp = t.Min.CompareTo(tm.Min)) != 0)
        {
            t.Sec = 0;
        }
        else
        {
            cmp = t.Sec.CompareTo(tm.Sec);
        }

        if (cmp < 0)
        {
            return -1; // systemd refuses to go backwards (EDEADLK)
        }

        if (cmp > 0)
        {
            tm = t;
        }

        return cmp == 0 ? 1 : 0;
    }

    private static bool MatchesWeekday(int bits, Tm tm, Clock clock)
    {
        if (bits is < 0 or >= CalendarSpec.AllWeekdays)
        {
            return true;
        }

        var t = tm;
        clock.MakeTime(ref t);
        var k = t.Wday == 0 ? 6 : t.Wday - 1;
        return (bits & (1 << k)) != 0;
    }

    /// <summary>Seconds since the epoch of the wall-clock fields, normalizing out-of-range fields as timegm does.</summary>
    private static long ToWallSeconds(Tm tm)
    {
        var year = tm.Year + 1900 + FloorDiv(tm.Mon, 12);
        var month = tm.Mon - (FloorDiv(tm.Mon, 12) * 12);
        var days = DaysFromCivil(year, month + 1, 1) + (tm.Mday - 1);
        return (days * 86400) + (tm.Hour * 3600) + (tm.Min * 60) + tm.Sec;
    }

    private static Tm FromWallSeconds(long seconds)
    {
        var days = FloorDiv(seconds, 86400);
        var rest = seconds - (days * 86400);
        var (y, m, d) = CivilFromDays(days);
        return new Tm
        {
            Year = y - 1900,
            Mon = m - 1,
            Mday = d,
            Hour = rest / 3600,
            Min = rest / 60 % 60,
            Sec = rest % 60,
            Wday = (int)(((days % 7) + 11) % 7), // 1970-01-01 was a Thursday (4)
        };
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian calendar).
    private static long DaysFromCivil(long y, long m, long d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe - 719468;
    }

    private static (long Year, long Month, long Day) CivilFromDays(long z)
    {
        z += 719468;
        var era = FloorDiv(z, 146097);
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = doy - (((153 * mp) + 2) / 5) + 1;
        var m = mp + (mp < 10 ? 3 : -9);
        return (y + (m <= 2 ? 1 : 0), m, d);
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0);
}
