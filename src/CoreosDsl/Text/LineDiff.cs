namespace CoreosDsl.Text;

/// <summary>
/// A minimal line edit script between two line lists: Myers' O((N+M)·D) algorithm in its linear-space form (find
/// the "middle snake" of an optimal path, then solve both halves). Minimal means that no other script deletes and
/// inserts fewer lines; the lines that are neither deleted nor inserted form a longest common subsequence.
/// </summary>
/// <remarks>
/// Coordinates: x counts old lines, y counts new lines, diagonal k = x − y. The forward search walks from (0, 0),
/// the backward search walks from (N, M) in reversed coordinates; both keep, per diagonal, the furthest x reached
/// with d edits, and never leave the N×M grid.
/// </remarks>
internal sealed class LineDiff
{
    /// <summary>Marks a diagonal that no path of the current length reaches inside the grid.</summary>
    private const int Unreached = -1;

    private readonly int[] oldIds;
    private readonly int[] newIds;

    private LineDiff(int[] oldIds, int[] newIds)
    {
        this.oldIds = oldIds;
        this.newIds = newIds;
        Deleted = new bool[oldIds.Length];
        Inserted = new bool[newIds.Length];
    }

    /// <summary>For each old line, whether the script deletes it.</summary>
    public bool[] Deleted { get; }

    /// <summary>For each new line, whether the script inserts it.</summary>
    public bool[] Inserted { get; }

    /// <summary>Computes a minimal edit script turning <paramref name="oldLines"/> into <paramref name="newLines"/>.</summary>
    public static LineDiff Compare(IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        // Equal lines share one id, so the search compares integers.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] Intern(IReadOnlyList<string> lines)
        {
            var result = new int[lines.Count];
            for (var i = 0; i < lines.Count; i++)
            {
                if (!ids.TryGetValue(lines[i], out var id))
                {
                    id = ids.Count;
                    ids.Add(lines[i], id);
                }

                result[i] = id;
            }

            return result;
        }

        var oldIds = Intern(oldLines);
        var oldCount = ids.Count;
        var newIds = Intern(newLines);
        var diff = new LineDiff(oldIds, newIds);
        if (newIds.All(id => id >= oldCount))
        {
            // Nothing in common (a rewritten file): the search would explore every diagonal to find that out.
            Array.Fill(diff.Deleted, true);
            Array.Fill(diff.Inserted, true);
            return diff;
        }

        diff.Solve(0, oldIds.Length, 0, newIds.Length);
        return diff;
    }

    private void Solve(int oldLo, int oldHi, int newLo, int newHi)
    {
        // A common prefix and suffix are never part of a minimal script.
        while (oldLo < oldHi && newLo < newHi && oldIds[oldLo] == newIds[newLo])
        {
            oldLo++;
            newLo++;
        }

        while (oldLo < oldHi && newLo < newHi && oldIds[oldHi - 1] == newIds[newHi - 1])
        {
            oldHi--;
            newHi--;
        }

        if (oldLo == oldHi || newLo == newHi || FindSplit(oldLo, oldHi, newLo, newHi) is not { } split)
        {
            // One side is empty, or the two sides share no line: delete everything, insert everything.
            Array.Fill(Deleted, true, oldLo, oldHi - oldLo);
            Array.Fill(Inserted, true, newLo, newHi - newLo);
            return;
        }

        Solve(oldLo, oldLo + split.X, newLo, newLo + split.Y);
        Solve(oldLo + split.X, oldHi, newLo + split.Y, newHi);
    }

    /// <summary>
    /// A point (x, y), relative to the range, that lies on a minimal path and splits it into two strictly cheaper
    /// halves; null when the ranges share no line. Both ranges are non-empty and differ at both ends.
    /// </summary>
    private (int X, int Y)? FindSplit(int oldLo, int oldHi, int newLo, int newHi)
    {
        int n = oldHi - oldLo, m = newHi - newLo, delta = n - m;
        var deltaIsOdd = (delta & 1) != 0;
        var maxD = (n + m + 1) / 2;
        var offset = maxD + 1;
        var forward = new int[(2 * maxD) + 3];
        var backward = new int[(2 * maxD) + 3];
        Array.Fill(forward, Unreached);
        Array.Fill(backward, Unreached);

        for (var d = 0; d <= maxD; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x = Step(forward, offset, k, d, n, m);
                if (x != Unreached)
                {
                    var y = x - k;
                    while (x < n && y < m && oldIds[oldLo + x] == newIds[newLo + y])
                    {
                        x++;
                        y++;
                    }
                }

                forward[offset + k] = x;

                // With an odd delta the paths first meet while extending forward: backward values are from d − 1.
                var c = delta - k;
                if (x != Unreached && deltaIsOdd && Math.Abs(c) <= d - 1)
                {
                    var reversed = backward[offset + c];
                    if (reversed != Unreached && x + reversed >= n)
                    {
                        return (x, x - k);
                    }
                }
            }

            for (var c = -d; c <= d; c += 2)
            {
                var x = Step(backward, offset, c, d, n, m);
                if (x != Unreached)
                {
                    var y = x - c;
                    while (x < n && y < m && oldIds[oldHi - 1 - x] == newIds[newHi - 1 - y])
                    {
                        x++;
                        y++;
                    }
                }

                backward[offset + c] = x;

                // With an even delta the paths first meet while extending backward: forward values are from d.
                var k = delta - c;
                if (x != Unreached && !deltaIsOdd && Math.Abs(k) <= d)
                {
                    var reached = forward[offset + k];
                    if (reached != Unreached && reached + x >= n)
                    {
                        return (reached, reached - k);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The furthest x on diagonal <paramref name="k"/> after <paramref name="d"/> edits, before following equal
    /// lines: one deletion from diagonal k − 1 or one insertion from diagonal k + 1, staying inside the n×m grid.
    /// </summary>
    private static int Step(int[] furthest, int offset, int k, int d, int n, int m)
    {
        if (d == 0)
        {
            return 0;
        }

        var best = Unreached;
        var fromAbove = furthest[offset + k + 1];
        if (fromAbove != Unreached && fromAbove - k <= m)
        {
            best = fromAbove;
        }

        var fromLeft = furthest[offset + k - 1];
        if (fromLeft != Unreached && fromLeft + 1 <= n && fromLeft + 1 > best)
        {
            best = fromLeft + 1;
        }

        return best;
    }
}
