using CoreosDsl.Text;
using CsCheck;

namespace CoreosDsl.Testing.Tests;

/// <summary>
/// The Myers line diff against a textbook longest-common-subsequence table: the script is valid (the kept lines
/// are common to both sides, in order) and minimal (it keeps as many lines as the LCS has).
/// </summary>
public sealed class LineDiffTests
{
    /// <summary>Line lists over a small alphabet, so that equal lines and ambiguous alignments are frequent.</summary>
    private static readonly Gen<string[]> Lines = Gen.OneOf("a", "b", "c", "d", "").Array[0, 40];

    [Fact]
    public void Script_is_valid_and_minimal()
    {
        Gen.Select(Lines, Lines).Sample((oldLines, newLines) =>
        {
            var diff = LineDiff.Compare(oldLines, newLines);

            var keptOld = oldLines.Where((_, i) => !diff.Deleted[i]).ToArray();
            var keptNew = newLines.Where((_, j) => !diff.Inserted[j]).ToArray();
            Assert.Equal(keptOld, keptNew);
            Assert.Equal(LongestCommonSubsequence(oldLines, newLines), keptOld.Length);
        }, iter: 5000);
    }

    [Fact]
    public void Skewed_inputs_are_minimal_too()
    {
        // Long insertions and deletions push the search against the edges of the edit grid.
        var longLines = Gen.OneOf("a", "b").Array[0, 120];
        Gen.Select(longLines, Gen.OneOf("a", "b", "c").Array[0, 6]).Sample((oldLines, newLines) =>
        {
            foreach (var (a, b) in new[] { (oldLines, newLines), (newLines, oldLines) })
            {
                var diff = LineDiff.Compare(a, b);
                Assert.Equal(LongestCommonSubsequence(a, b), a.Length - diff.Deleted.Count(d => d));
                Assert.Equal(LongestCommonSubsequence(a, b), b.Length - diff.Inserted.Count(i => i));
            }
        }, iter: 2000);
    }

    [Fact]
    public void Large_files_with_scattered_changes_diff_minimally()
    {
        var oldLines = Enumerable.Range(0, 20000).Select(i => $"line {i}").ToArray();
        var newLines = oldLines.Where(line => !line.EndsWith("17", StringComparison.Ordinal)).Append("tail").ToArray();

        var diff = LineDiff.Compare(oldLines, newLines);

        Assert.Equal(oldLines.Length - newLines.Length + 1, diff.Deleted.Count(d => d));
        Assert.Equal(1, diff.Inserted.Count(i => i));
    }

    [Fact]
    public void Nothing_in_common_deletes_and_inserts_everything()
    {
        var diff = LineDiff.Compare(["a", "b"], ["c", "d", "e"]);

        Assert.All(diff.Deleted, Assert.True);
        Assert.All(diff.Inserted, Assert.True);
    }

    private static int LongestCommonSubsequence(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        return table[0, 0];
    }
}
