using CoreosDsl.Tests.Shared;
using CoreosDsl.Systemd.Tests.Values.Oracles;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Which <c>%x</c> systemd knows, asked of systemd itself: every ASCII letter and digit in an ExecStart= argument
/// (general context) and in a Requires= unit name (name-safe context).
/// </summary>
[Trait("Category", "Oracle")]
public class SpecifiersOracleTests
{
    /// <summary>
    /// Where this library follows systemd v261 (<c>value-grammars.md</c> §6) and the systemd 252 oracle differs:
    /// %D (the shared data root) is newer than 252.
    /// </summary>
    private static readonly (char Letter, SpecifierContext Context, bool SystemdKnows)[] VersionDifferences =
    [
        ('D', SpecifierContext.General, false),
    ];

    [Fact]
    public void KnownSpecifiersAgreeWithSystemd()
    {
        var letters = Enumerable.Range('a', 26).Concat(Enumerable.Range('A', 26)).Concat(Enumerable.Range('0', 10)).Select(c => (char)c).ToList();
        var units = letters.ToDictionary(
            c => $"s{(char.IsUpper(c) ? "u" : "")}{char.ToLowerInvariant(c)}.service",
            c => $"[Unit]\nRequires=x-%{c}.service\n[Service]\nExecStart=/bin/echo %{c}\n");
        var verify = SystemdVerify.Run(units);
        var failures = new List<string>();
        foreach (var c in letters)
        {
            var unit = $"s{(char.IsUpper(c) ? "u" : "")}{char.ToLowerInvariant(c)}.service";
            foreach (var (context, line) in new[] { (SpecifierContext.UnitName, 2), (SpecifierContext.General, 4) })
            {
                var systemdKnows = !verify.MessagesAbout(unit, line).Any(m => m.Contains("Failed to resolve unit specifiers", StringComparison.Ordinal));
                var difference = VersionDifferences.Where(d => d.Letter == c && d.Context == context).ToList();
                if (difference.Count > 0)
                {
                    // The documented difference is still real.
                    Assert.True(difference[0].SystemdKnows == systemdKnows, $"%{c} in {context}: {string.Join("; ", verify.MessagesAbout(unit, line))}");
                    continue;
                }

                var weKnow = Specifiers.TryValidate($"x-%{c}", context, out var error);
                if (weKnow != systemdKnows)
                {
                    failures.Add($"%{c} in {context}: systemd {(systemdKnows ? "resolves" : "refuses")} it, we {(weKnow ? "accept" : "refuse: " + error)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
