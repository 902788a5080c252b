using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// The calendar corpus against <c>systemd-analyze calendar</c>: same verdict on validity, the same normalized form,
/// the same next elapse, and the normalized form parses to itself.
/// </summary>
[Trait("Category", "Oracle")]
public class CalendarEventOracleTests
{
    private static readonly IReadOnlyList<string> Corpus = SystemdAnalyze.ReadCorpus("calendar-expressions.txt");

    [Fact]
    public void CorpusIsLargeAndMixed()
    {
        var verdicts = SystemdAnalyze.Calendar(Corpus);
        Assert.True(Corpus.Count >= 200, $"the corpus has {Corpus.Count} expressions");
        Assert.True(verdicts.Count(v => v.Valid) >= 60, "the corpus needs valid expressions");
        Assert.True(verdicts.Count(v => !v.Valid) >= 60, "the corpus needs invalid expressions");
    }

    [Fact]
    public void AgreesWithSystemdAnalyzeInUtc() => Assert.True(AssertAgreement(Corpus, "UTC") > 0);

    [Fact]
    public void AgreesWithSystemdAnalyzeInEuropeBerlin()
    {
        // The local zone's abbreviations (CET, CEST) become time zones; everything else must stay the same.
        string[] extra = ["05:00 CET", "05:00 CEST", "05:00 cest", "daily CET", "Mon CEST", "05:00CET", "CET", "05:00 CET UTC"];
        AssertAgreement([.. Corpus, .. extra], "Europe/Berlin");
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Tokyo")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Australia/Lord_Howe")]
    public void LocalAbbreviationsAgreeForOtherZones(string zone)
    {
        string[] candidates = ["EST", "EDT", "JST", "JDT", "IST", "+1030", "+11", "LMT", "UTC", "GMT"];
        AssertAgreement([.. candidates.Select(c => "05:00 " + c), .. candidates.Select(c => "daily " + c.ToLowerInvariant())], zone);
    }

    [Fact]
    public void RandomExpressionsAgreeWithSystemdAnalyze()
    {
        // Expressions built from the grammar (weekdays, date, time, zone; chains with ranges and steps), a third of
        // them then mutated by inserting or deleting a character: valid, invalid and unusual ones.
        Gen<string> Chain(params string[] numbers)
        {
            var n = Gen.OneOf(numbers);
            var item = Gen.Frequency(
                (6, (IGen<string>)n),
                (1, Gen.Select(n, n, (a, b) => $"{a}..{b}")),
                (1, Gen.Select(n, n, (a, b) => $"{a}/{b}")),
                (1, Gen.Select(n, n, n, (a, b, c) => $"{a}..{b}/{c}")));
            return Gen.Frequency((2, (IGen<string>)Gen.Const("*")), (5, item), (1, item.Array[2, 3].Select(items => string.Join(',', items))));
        }

        var year = Chain("2026", "26", "1969", "2199", "2200", "70");
        var month = Chain("1", "02", "6", "12", "13", "0");
        var day = Chain("1", "7", "15", "28", "29", "31", "32");
        var hour = Chain("0", "5", "12", "23", "24", "6");
        var minute = Chain("0", "15", "30", "59", "60", "5");
        var second = Chain("0", "5.25", "59", "60", "0.5", "30");
        var weekdays = Gen.OneOf("", "", "Mon ", "Fri ", "sun ", "Mon..Fri ", "Sat,Sun ", "Mon-Wed ", "Tue,Thu..Sat ");
        var date = Gen.Frequency(
            (2, (IGen<string>)Gen.Const("")),
            (2, Gen.Select(year, month, day, Gen.OneOf("-", "-", "~"), (y, m, d, sep) => $"{y}-{m}{sep}{d} ")),
            (1, Gen.Select(month, day, (m, d) => $"{m}-{d} ")));
        var time = Gen.Frequency(
            (1, (IGen<string>)Gen.Const("")),
            (2, Gen.Select(hour, minute, (h, m) => $"{h}:{m}")),
            (2, Gen.Select(hour, minute, second, (h, m, sec) => $"{h}:{m}:{sec}")));
        var zone = Gen.OneOf("", "", "", " UTC", " utc", " Europe/Berlin", " Mars/Base");
        var expression = Gen.Select(weekdays, date, time, zone, (w, d, t, z) => (w + d + t).TrimEnd() + z);
        var mutated = Gen.Select(expression, Gen.Int[0, 5], Gen.Int[0, 1000], Gen.Char["*-~:,./ 0159aM@"], (e, kind, at, c) =>
            e.Length == 0 || kind > 1 ? e : kind == 0 ? e.Insert(at % e.Length, c.ToString()) : e.Remove(at % e.Length, 1));
        mutated.Array[400].Sample(batch =>
        {
            var valid = AssertAgreement(batch, "UTC");
            Assert.True(valid >= 60 && valid <= 360, $"{valid} of {batch.Length} random expressions were valid");
        }, iter: 2, threads: 1);
    }

    /// <summary>Asserts that we agree with systemd on every expression; returns how many were valid.</summary>
    private static int AssertAgreement(IReadOnlyList<string> expressions, string zone)
    {
        var verdicts = SystemdAnalyze.Calendar(expressions, zone);
        var failures = new StringBuilder();
        foreach (var verdict in verdicts)
        {
            var ok = CalendarEvent.TryParse(verdict.Expression, zone, out var ours, out var error);
            if (ok != verdict.Valid)
            {
                failures.AppendLine($"{Show(verdict.Expression)}: systemd says {(verdict.Valid ? "valid: " + verdict.Normalized : "invalid")}, we say {(ok ? "valid: " + ours!.Normalized : error)}");
                continue;
            }

            if (!ok)
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                Assert.Contains("is not a calendar event: ", error, StringComparison.Ordinal);
                continue;
            }

            if (ours!.Normalized != verdict.Normalized)
            {
                failures.AppendLine($"{Show(verdict.Expression)}: systemd normalizes to {Show(verdict.Normalized!)}, we to {Show(ours.Normalized)}");
                continue;
            }

            var next = ours.NextElapse(SystemdAnalyze.BaseTime);
            var nextSeconds = next is null ? (DateTimeOffset?)null : DateTimeOffset.FromUnixTimeSeconds(next.Value.ToUnixTimeSeconds());
            if (nextSeconds != verdict.NextElapse)
            {
                failures.AppendLine($"{Show(verdict.Expression)}: systemd's next elapse is {verdict.NextElapse?.ToString("u") ?? "never"}, ours {next?.ToString("u") ?? "never"}");
            }

            // The normalized form is itself valid and normalizes to itself.
            if (!CalendarEvent.TryParse(ours.Normalized, zone, out var again, out var againError) || again!.Normalized != ours.Normalized)
            {
                failures.AppendLine($"{Show(ours.Normalized)} (normalized from {Show(verdict.Expression)}) does not parse to itself: {againError ?? again!.Normalized}");
            }
        }

        Assert.True(failures.Length == 0, $"TZ={zone}, {verdicts.Count} expressions:\n{failures}");
        return verdicts.Count(v => v.Valid);
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
