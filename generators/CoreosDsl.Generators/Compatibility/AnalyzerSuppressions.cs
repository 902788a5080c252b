using System.Diagnostics.CodeAnalysis;

// Calendar expressions may name a time zone ("... Europe/Berlin"); systemd checks the name against the tz database,
// and so does the linked parser, reading /usr/share/zoneinfo (only for such expressions, cached per name). In the
// analyzer that is the build machine's database: the closest available stand-in for the target machine's.
[assembly: SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1035:Do not use APIs banned for analyzers",
    Scope = "type", Target = "~T:CoreosDsl.Systemd.TimeZoneData", Justification = "tz database lookups, see above")]
