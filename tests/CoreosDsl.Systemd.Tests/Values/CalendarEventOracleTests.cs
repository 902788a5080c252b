using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// The calendar corpus against <c>systemd-analyze calendar</c>: same verdict on validity, the same normalized form,
/// the same next elapse, and the normalized form parses to itself.
/// </summary>
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
    public void AgreesWithSystemdAnalyzeInUtc() => AssertAgreement(Corpus, "UTC");

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

    private static void AssertAgreement(IReadOnlyList<string> expressions, string zone)
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
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
