using System.Reflection;

namespace CoreosDsl.Rules;

/// <summary>
/// How systemd's special units are ordered among themselves (<c>sysinit.target</c> after <c>local-fs.target</c>,
/// <c>basic.target</c> after <c>sysinit.target</c>, ...), read from <c>Rules/StockUnits/ordering.txt</c>, which both
/// assemblies embed. Each pair means "First starts before Then".
/// </summary>
internal static class StockOrdering
{
    private static IReadOnlyList<(string First, string Then, string Unit)>? pairs;

    /// <summary>
    /// Every ordered pair, in file order; <c>Unit</c> is the unit whose file states it (the one before the word
    /// <c>After</c> or <c>Before</c>).
    /// </summary>
    public static IReadOnlyList<(string First, string Then, string Unit)> Pairs => pairs ??= Load();

    private static List<(string First, string Then, string Unit)> Load()
    {
        const string resource = "CoreosDsl.Rules.StockUnits.ordering.txt";
        using var stream = typeof(StockOrdering).GetTypeInfo().Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded resource {resource} is missing; the project must embed Rules/StockUnits/*.txt");
        using var reader = new StreamReader(stream);
        var result = new List<(string, string, string)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var words = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0 || words[0][0] == '#')
            {
                continue;
            }

            if (words.Length < 3 || (words[1] != "After" && words[1] != "Before"))
            {
                throw new InvalidOperationException($"{resource}:{number}: expected 'UNIT After|Before UNIT...', got '{line}'");
            }

            foreach (var other in words.Skip(2))
            {
                result.Add(words[1] == "After" ? (other, words[0], words[0]) : (words[0], other, words[0]));
            }
        }

        return result;
    }
}
