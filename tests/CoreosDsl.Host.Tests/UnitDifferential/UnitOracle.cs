using System.Globalization;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests.UnitDifferential;

/// <summary>
/// One thing <c>systemd-analyze verify</c> said of a case: a line of a file (<see cref="Line"/> &gt; 0) or the unit
/// (0). <see cref="Class"/>: <c>ignored</c> (the line has no effect: unknown key or section, a value it cannot
/// parse), <c>warning</c> (accepted with a remark: obsolete, deprecated, updated), <c>refused</c> (the unit does not
/// load), <c>note</c> (anything else it logs of the unit), <c>ok</c> (nothing at all: the case's only row).
/// </summary>
internal sealed record OracleVerdict(string File, int Line, string Class, string Message)
{
    public string ToRow() => $"{File}\t{(Line == 0 ? "-" : Line.ToString(CultureInfo.InvariantCulture))}\t{Class}\t{Message}";

    public static OracleVerdict FromRow(string row)
    {
        var f = row.Split('\t');
        return new OracleVerdict(f[0], f[1] == "-" ? 0 : int.Parse(f[1], CultureInfo.InvariantCulture), f[2], f[3]);
    }
}

/// <summary>
/// Runs systemd-analyze verify (systemd 252 here and in CI) on cases and sorts what it logs (at log level info)
/// into <see cref="OracleVerdict"/>s. The committed <c>verdicts.tsv</c> is this, for every case.
/// </summary>
internal static class UnitOracle
{
    public static readonly string VerdictsFile = Path.Combine(UnitCase.Folder, "verdicts.tsv");

    public const string Header = "# case file\tline\tclass\tmessage (systemd-analyze verify, systemd 252.39-1~deb12u2, SYSTEMD_LOG_LEVEL=info)";

    /// <summary>The verdicts of <paramref name="cases"/>, in case order, verified in batches (one systemd run each).</summary>
    public static List<OracleVerdict> Verify(IReadOnlyList<UnitCase> cases)
    {
        var verdicts = new List<OracleVerdict>();
        foreach (var batch in cases.Chunk(60))
        {
            var units = batch.SelectMany(c => c.Files).ToDictionary(f => f.File, f => f.Text, StringComparer.Ordinal);
            var run = SystemdVerify.Run(units, logLevel: "info");
            var lines = run.Result.StandardError.Split('\n');
            foreach (var unitCase in batch)
            {
                var found = new List<OracleVerdict>();
                foreach (var (file, _) in unitCase.Files)
                {
                    foreach (var message in run.Messages(file))
                    {
                        // FILE:LINE: message
                        var rest = message[(file.Length + 1)..];
                        var colon = rest.IndexOf(':', StringComparison.Ordinal);
                        if (colon > 0 && int.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var line))
                        {
                            var text = Clean(rest[(colon + 1)..].Trim(), run.Directory);
                            found.Add(new OracleVerdict(file, line, ClassOfLine(text), text));
                        }
                        else
                        {
                            found.Add(new OracleVerdict(file, 0, "note", Clean(rest.Trim(), run.Directory)));
                        }
                    }
                }

                var unitPrefix = unitCase.Name + ": ";
                foreach (var line in lines.Where(l => l.StartsWith(unitPrefix, StringComparison.Ordinal)))
                {
                    var text = Clean(line[unitPrefix.Length..].Trim(), run.Directory);
                    // A missing program or unit is this machine's business, not the unit text's (Flatcar has docker.service).
                    if (IsAboutThisMachine(text))
                    {
                        continue;
                    }

                    var refused = text.Contains("Refusing", StringComparison.Ordinal)
                        || text.StartsWith("Unit configuration has fatal error", StringComparison.Ordinal);
                    found.Add(new OracleVerdict(unitCase.Name, 0, refused ? "refused" : "note", text));
                }

                verdicts.AddRange(found.Count == 0 ? [new OracleVerdict(unitCase.Name, 0, "ok", "")] : found.Distinct());
            }
        }

        return verdicts;
    }

    /// <summary>The committed verdicts, by case.</summary>
    public static Dictionary<string, List<OracleVerdict>> Load() =>
        File.ReadLines(VerdictsFile)
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(OracleVerdict.FromRow)
            .GroupBy(v => CaseOf(v.File))
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

    public static void Save(IEnumerable<OracleVerdict> verdicts) =>
        File.WriteAllLines(VerdictsFile, [Header, .. verdicts.Select(v => v.ToRow())]);

    public static string CaseOf(string file) => file.Contains(".d/", StringComparison.Ordinal) ? file[..file.IndexOf(".d/", StringComparison.Ordinal)] : file;

    /// <summary>
    /// A line message: "ignoring" says the line has no effect; a bad section header stops the reader (the file does
    /// not load); anything else is said of a value systemd keeps (or of one that makes the unit fail to load, which
    /// it then says of the unit).
    /// </summary>
    private static string ClassOfLine(string text) =>
        text.Contains("ignoring", StringComparison.OrdinalIgnoreCase) ? "ignored"
        : text.StartsWith("Invalid section header", StringComparison.Ordinal) ? "refused"
        : "warning";

    private static bool IsAboutThisMachine(string text) =>
        text.Contains("is not executable", StringComparison.Ordinal)
        || (text.StartsWith("Failed to create ", StringComparison.Ordinal) && text.EndsWith(" not found.", StringComparison.Ordinal))
        || text.EndsWith(" not loaded, socket cannot be started.", StringComparison.Ordinal);

    private static string Clean(string text, string directory) =>
        text.Replace(directory + "/", "", StringComparison.Ordinal).Replace(directory, ".", StringComparison.Ordinal).Replace('\t', ' ');
}
