namespace CoreosDsl.Host.Tests.UnitDifferential;

/// <summary>
/// One case of the unit differential corpus (tests/TestData/unit-differential/cases): a unit file and its drop-ins
/// (<c>NAME.d/FILE.conf</c>), each by its path relative to the cases folder.
/// </summary>
internal sealed record UnitCase(string Name, IReadOnlyList<(string File, string Text)> Files)
{
    public static readonly string Folder = Path.Combine(CoreosDsl.Tests.Shared.TestPaths.TestData, "unit-differential");

    /// <summary>Every case, in ordinal order of its name.</summary>
    public static IReadOnlyList<UnitCase> LoadAll()
    {
        var cases = Path.Combine(Folder, "cases");
        return [.. Directory.GetFiles(cases)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .Select(name => Load(name!))];
    }

    public static UnitCase Load(string name)
    {
        var cases = Path.Combine(Folder, "cases");
        var files = new List<(string, string)> { (name, File.ReadAllText(Path.Combine(cases, name))) };
        var dropIns = Path.Combine(cases, name + ".d");
        if (Directory.Exists(dropIns))
        {
            files.AddRange(Directory.GetFiles(dropIns).Order(StringComparer.Ordinal)
                .Select(f => ($"{name}.d/{Path.GetFileName(f)}", File.ReadAllText(f))));
        }

        return new UnitCase(name, files);
    }

    /// <summary>
    /// For each physical line (1-based index), the first line of the logical line it belongs to, as systemd's
    /// config reader joins them: a line ending in an odd number of backslashes continues on the next, and comment
    /// lines inside a continued value are skipped.
    /// </summary>
    public static int[] LogicalStarts(string text)
    {
        var lines = text.Split('\n');
        var starts = new int[lines.Length + 2];
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (start == 0)
            {
                start = number;
            }
            else if (line.TrimStart() is ['#' or ';', ..])
            {
                starts[number] = start; // a comment inside a continuation: skipped, the value goes on
                continue;
            }

            starts[number] = start;
            var backslashes = line.Length - line.TrimEnd('\\').Length;
            if (backslashes % 2 == 0 || line.TrimStart() is ['#' or ';', ..] && start == number)
            {
                start = 0;
            }
        }

        starts[lines.Length + 1] = lines.Length + 1;
        return starts;
    }
}
