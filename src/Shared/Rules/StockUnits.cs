using System.Reflection;

namespace CoreosDsl.Rules;

/// <summary>The operating systems whose stock units the reference rules know.</summary>
internal enum TargetOs
{
    /// <summary>Flatcar Container Linux (the default).</summary>
    Flatcar,

    /// <summary>CoreOS Container Linux (end of life in 2020; the seed's OS).</summary>
    CoreOS,
}

/// <summary>
/// The units a target OS ships (systemd's own plus the OS's), read from the lists in <c>Rules/StockUnits/</c>, which
/// both assemblies embed. A template (<c>getty@.service</c>) covers its instances (<c>getty@tty1.service</c>).
/// </summary>
internal sealed class StockUnits
{
    private static readonly Dictionary<TargetOs, StockUnits> Cache = [];
    private readonly HashSet<string> names;

    private StockUnits(TargetOs os, HashSet<string> names)
    {
        Os = os;
        this.names = names;
    }

    /// <summary>The target OS.</summary>
    public TargetOs Os { get; }

    /// <summary>The OS's name for messages.</summary>
    public string OsName => Os == TargetOs.CoreOS ? "CoreOS Container Linux" : "Flatcar Container Linux";

    /// <summary>The MSBuild property that chooses the target OS (<c>flatcar</c> or <c>coreos</c>).</summary>
    public const string PropertyName = "CoreosDslTargetOs";

    /// <summary>Reads <c>flatcar</c> or <c>coreos</c> (any case); false for anything else.</summary>
    public static bool TryParseOs(string? text, out TargetOs os)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "flatcar":
                os = TargetOs.Flatcar;
                return true;
            case "coreos":
                os = TargetOs.CoreOS;
                return true;
            default:
                os = TargetOs.Flatcar;
                return false;
        }
    }

    /// <summary>The stock units of <paramref name="os"/> (loaded once).</summary>
    public static StockUnits For(TargetOs os)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(os, out var units))
            {
                var set = new HashSet<string>(StringComparer.Ordinal);
                Load("systemd", set);
                Load(os == TargetOs.CoreOS ? "coreos" : "flatcar", set);
                units = new StockUnits(os, set);
                Cache.Add(os, units);
            }

            return units;
        }
    }

    /// <summary>True when the OS ships <paramref name="name"/>, directly or as an instance of a stock template.</summary>
    public bool Contains(string name)
    {
        if (names.Contains(name))
        {
            return true;
        }

        var at = name.IndexOf('@');
        var dot = name.LastIndexOf('.');
        return at > 0 && dot > at && names.Contains(name.Substring(0, at + 1) + name.Substring(dot));
    }

    /// <summary>Every name in the list (for tests).</summary>
    public IEnumerable<string> Names => names;

    private static void Load(string list, HashSet<string> into)
    {
        var resource = $"CoreosDsl.Rules.StockUnits.{list}.txt";
        using var stream = typeof(StockUnits).GetTypeInfo().Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the embedded resource {resource} is missing; the project must embed Rules/StockUnits/*.txt");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var name = line.Trim();
            if (name.Length > 0 && name[0] != '#')
            {
                into.Add(name);
            }
        }
    }
}
