using CoreosDsl.Analyzers.Tests.Support;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The analyzers check the time zone of a calendar literal against the zone list embedded in the analyzer assembly
/// (no reading of the build machine's /usr/share/zoneinfo).
/// </summary>
public class TimeZoneLiteralTests
{
    [Fact]
    public void A_zone_of_the_tz_database_passes_and_an_unknown_one_is_CDSL201()
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar("Mon..Fri 05:00 America/Argentina/Buenos_Aires").OnCalendar("*-*-* 05:00:00 Etc/GMT+5")))"""));
        AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Timer("a.timer", t => t.Timer(x => x.OnCalendar({|CDSL201:"*-*-* 05:00:00 Mars/Olympus_Mons"|})))"""));
    }
}
