using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Time spans against <c>systemd-analyze timespan</c>: the corpus (same verdict, same microseconds), formatted
/// random spans (systemd reads back the same microseconds) and round trips.
/// </summary>
[Trait("Category", "Oracle")]
public class SystemdTimeSpanOracleTests
{
    private static readonly IReadOnlyList<string> Corpus = SystemdAnalyze.ReadCorpus("time-spans.txt");

    [Fact]
    public void CorpusAgreesWithSystemdAnalyze()
    {
        var verdicts = SystemdAnalyze.TimeSpans(Corpus);
        Assert.True(Corpus.Count >= 200, $"the corpus has {Corpus.Count} spans");
        Assert.True(verdicts.Count(v => v.Valid) >= 60 && verdicts.Count(v => !v.Valid) >= 60, "the corpus needs valid and invalid spans");

        var failures = new StringBuilder();
        foreach (var verdict in verdicts)
        {
            var ok = SystemdTimeSpan.TryParseMicroseconds(verdict.Text, TimeSpanDefaultUnit.Seconds, out var usec, out var error);
            if (ok != verdict.Valid || (ok && usec != verdict.Microseconds))
            {
                failures.AppendLine($"{Show(verdict.Text)}: systemd says {(verdict.Valid ? verdict.Microseconds + "us" : "invalid")}, we say {(ok ? usec + "us" : error)}");
                continue;
            }

            if (!ok)
            {
                Assert.Contains("is not a time span: ", error, StringComparison.Ordinal);
                continue;
            }

            // The public TimeSpan API agrees wherever TimeSpan can hold the value.
            var fits = usec == ulong.MaxValue || usec <= (ulong)(TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMicrosecond);
            var publicOk = SystemdTimeSpan.TryParse(verdict.Text, TimeSpanDefaultUnit.Seconds, out var span, out var publicError);
            if (publicOk != fits)
            {
                failures.AppendLine($"{Show(verdict.Text)}: TryParse says {(publicOk ? span : publicError)}, expected {(fits ? "a TimeSpan" : "an error")}");
            }
            else if (publicOk)
            {
                var expected = usec == ulong.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks((long)usec * TimeSpan.TicksPerMicrosecond);
                if (span != expected)
                {
                    failures.AppendLine($"{Show(verdict.Text)}: TryParse gives {span}, expected {expected}");
                }

                // Round trip: the formatted form parses to the same value.
                if (SystemdTimeSpan.Parse(SystemdTimeSpan.Format(span)) != span)
                {
                    failures.AppendLine($"{Show(verdict.Text)}: Format gives {SystemdTimeSpan.Format(span)}, which does not parse back to {span}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void FormattedRandomSpansAreReadBackExactlyBySystemd()
    {
        // Spans from a microsecond to centuries, biased towards round values that exercise every unit.
        var gen = Gen.OneOf(
            Gen.Long[0, 1_000_000_000_000_000],
            Gen.Long[0, 10_000_000],
            Gen.Select(Gen.Int[0, 10_000], Gen.Int[0, 6], (n, unit) => n * new[] { 1L, 1000, 1_000_000, 60_000_000, 3_600_000_000, 86_400_000_000, 604_800_000_000 }[unit]),
            Gen.Select(Gen.Int[0, 500], Gen.Int[0, 59], Gen.Int[0, 999], (h, m, ms) => (h * 3_600_000_000L) + (m * 60_000_000L) + (ms * 1000L)));
        var spans = gen.Select(usec => TimeSpan.FromTicks(usec * TimeSpan.TicksPerMicrosecond)).Array[300];

        // One systemd-analyze run per batch of 300 spans.
        spans.Sample(batch =>
        {
            TimeSpan[] samples = [.. batch, TimeSpan.Zero, TimeSpan.FromMicroseconds(1), TimeSpan.FromDays(7), TimeSpan.FromHours(1.5),
                Timeout.InfiniteTimeSpan, TimeSpan.FromTicks(TimeSpan.MaxValue.Ticks / 10 * 10)];
            var formatted = samples.Select(SystemdTimeSpan.Format).ToList();
            var verdicts = SystemdAnalyze.TimeSpans(formatted);
            var failures = new StringBuilder();
            for (var i = 0; i < samples.Length; i++)
            {
                var expected = samples[i] == Timeout.InfiniteTimeSpan ? ulong.MaxValue : (ulong)(samples[i].Ticks / TimeSpan.TicksPerMicrosecond);
                if (!verdicts[i].Valid || verdicts[i].Microseconds != expected)
                {
                    failures.AppendLine($"{samples[i]} formats as {Show(formatted[i])}, which systemd reads as {(verdicts[i].Valid ? verdicts[i].Microseconds + "us" : "invalid")}, not {expected}us");
                }

                if (SystemdTimeSpan.Parse(formatted[i]) != samples[i])
                {
                    failures.AppendLine($"{Show(formatted[i])} does not parse back to {samples[i]}");
                }
            }

            Assert.True(failures.Length == 0, failures.ToString());
        }, iter: 2, threads: 1);
    }

    [Fact]
    public void RandomSpansAgreeWithSystemdAnalyze()
    {
        // Spans built from the grammar (numbers, fractions, every unit spelling, optional spaces); a few are mutated.
        // Mostly valid on purpose: systemd-analyze needs one run per invalid span.
        var number = Gen.OneOf(Gen.Int[0, 100000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Select(Gen.Int[0, 999], Gen.Int[0, 999_999], (a, b) => $"{a}.{b}"), Gen.OneOf("0", ".5", "1.", "007", "18446744073709551615"));
        var unit = Gen.OneOf("", "us", "usec", "\u00b5s", "\u03bcs", "ms", "msec", "s", "sec", "second", "seconds", "m", "min", "minute", "minutes",
            "h", "hr", "hour", "hours", "d", "day", "days", "w", "week", "weeks", "M", "month", "months", "y", "year", "years", "ns", "S");
        var component = Gen.Select(number, Gen.OneOf("", "", " ", "\t"), unit, (n, ws, u) => n + (u.Length > 0 ? ws : "") + u);
        var span = Gen.Select(component.Array[1, 4], Gen.OneOf(" ", "", "  "), (c, sep) => string.Join(sep, c));
        var mutated = Gen.Select(span, Gen.Int[0, 19], Gen.Int[0, 1000], Gen.Char["-+. x5s"], (t, kind, at, c) =>
            kind > 0 || t.Length == 0 ? t : t.Insert(at % t.Length, c.ToString()));
        mutated.Array[200].Sample(batch =>
        {
            var verdicts = SystemdAnalyze.TimeSpans(batch);
            var failures = new StringBuilder();
            foreach (var verdict in verdicts)
            {
                var ok = SystemdTimeSpan.TryParseMicroseconds(verdict.Text, TimeSpanDefaultUnit.Seconds, out var usec, out var error);
                if (ok != verdict.Valid || (ok && usec != verdict.Microseconds))
                {
                    failures.AppendLine($"{Show(verdict.Text)}: systemd says {(verdict.Valid ? verdict.Microseconds + "us" : "invalid")}, we say {(ok ? usec + "us" : error)}");
                }
            }

            Assert.True(failures.Length == 0, failures.ToString());
            Assert.True(verdicts.Count(v => v.Valid) >= 100, "most random spans should be valid");
        }, iter: 1, threads: 1);
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
