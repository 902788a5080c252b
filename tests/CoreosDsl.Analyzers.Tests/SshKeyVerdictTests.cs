using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The SSH key check (<see cref="SshPublicKey"/>, shared by the analyzer and <c>Validate()</c>) agrees with
/// <c>ssh-keygen -l -f</c> on real keys of every type and on key lines damaged field by field
/// (tests/TestData/ssh-keys: inputs.tsv, and verdicts.tsv written by verify.sh with OpenSSH 9.2).
/// </summary>
public class SshKeyVerdictTests
{
    private static readonly string Folder = Path.Combine(TestPaths.TestData, "ssh-keys");

    /// <summary>Each input line with ssh-keygen's verdict: true when it reads the key.</summary>
    public static IReadOnlyList<(string Name, string Line, bool Accepted)> Rows()
    {
        static IEnumerable<string[]> Read(string file) => File.ReadLines(Path.Combine(Folder, file))
            .Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'));
        var verdicts = Read("verdicts.tsv").ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
        return [.. Read("inputs.tsv").Select(r => (r[0], r[1], verdicts[r[0]] switch
        {
            "ok" => true,
            "refused" => false,
            var v => throw new InvalidDataException($"verdicts.tsv: '{v}' for {r[0]} is neither ok nor refused"),
        }))];
    }

    [Fact]
    public void TheRuntimeCheckAgreesWithSshKeygen()
    {
        var rows = Rows();
        Assert.True(rows.Count >= 40 && rows.Count(r => r.Accepted) >= 10, $"only {rows.Count} rows");
        var disagreements = rows
            .Where(r => SshPublicKey.TryValidate(r.Line, out _) != r.Accepted)
            .Select(r => $"{r.Name}: ssh-keygen {(r.Accepted ? "reads it" : "refuses it")}, SshPublicKey {(r.Accepted ? "refuses it" : "reads it")}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public void TheAnalyzerFlagsExactlyTheLinesSshKeygenRefuses()
    {
        var rows = Rows();
        var calls = string.Concat(rows.Select(r => r.Accepted
            ? $"\n        .SshAuthorizedKeys(\"{r.Line}\")"
            : $"\n        .SshAuthorizedKeys({{|CDSL210:\"{r.Line}\"|}})"));
        AnalyzerHarness.Verify(Snippets.Worker("w" + calls));
    }
}
