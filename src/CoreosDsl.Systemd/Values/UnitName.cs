namespace CoreosDsl.Systemd;

/// <summary>The eleven unit types, named by their file suffix.</summary>
public enum UnitType
{
    /// <summary><c>.service</c></summary>
    Service,
    /// <summary><c>.socket</c></summary>
    Socket,
    /// <summary><c>.target</c></summary>
    Target,
    /// <summary><c>.device</c></summary>
    Device,
    /// <summary><c>.mount</c></summary>
    Mount,
    /// <summary><c>.automount</c></summary>
    Automount,
    /// <summary><c>.swap</c></summary>
    Swap,
    /// <summary><c>.timer</c></summary>
    Timer,
    /// <summary><c>.path</c></summary>
    Path,
    /// <summary><c>.slice</c></summary>
    Slice,
    /// <summary><c>.scope</c></summary>
    Scope,
}

/// <summary>
/// A validated unit name (<c>foo.service</c>, template <c>foo@.service</c>, instance <c>foo@bar.service</c>)
/// following the grammar in <c>value-grammars.md</c> §9, with systemd's escaping rules.
/// </summary>
public readonly record struct UnitName
{
    private UnitName(string value, string prefix, string? instance, UnitType type)
    {
        Value = value;
        Prefix = prefix;
        Instance = instance;
        Type = type;
    }

    /// <summary>The whole name.</summary>
    public string Value { get; }
    /// <summary>The part before <c>@</c> (or before the suffix).</summary>
    public string Prefix { get; }
    /// <summary>The instance; empty for a template, null when not instantiated.</summary>
    public string? Instance { get; }
    /// <summary>The unit type given by the suffix.</summary>
    public UnitType Type { get; }
    /// <summary>True for <c>foo@.service</c>.</summary>
    public bool IsTemplate => Instance is { Length: 0 };
    /// <summary>True for <c>foo@bar.service</c>.</summary>
    public bool IsInstance => Instance is { Length: > 0 };

    /// <summary>Parses and validates a unit name.</summary>
    /// <exception cref="FormatException">Not a valid unit name; the message names the rule broken.</exception>
    public static UnitName Parse(string text) => throw new NotImplementedException();

    /// <summary>Validates a unit name; returns false with a message naming the rule broken.</summary>
    public static bool TryParse(string text, out UnitName value, out string? error) => throw new NotImplementedException();

    /// <summary>The suffix of a unit type without the dot (<c>service</c>).</summary>
    public static string Suffix(UnitType type) => throw new NotImplementedException();

    /// <summary>Escapes a string for use in a unit name, as <c>systemd-escape</c> does.</summary>
    public static string Escape(string text) => throw new NotImplementedException();

    /// <summary>Escapes a path as <c>systemd-escape --path</c> does (<c>/var/lib/docker</c> → <c>var-lib-docker</c>).</summary>
    public static string EscapePath(string path) => throw new NotImplementedException();

    /// <summary>The unit name systemd requires for a path unit type (<c>/var/lib/docker</c>, mount → <c>var-lib-docker.mount</c>).</summary>
    public static UnitName FromPath(string path, UnitType type) => throw new NotImplementedException();

    /// <summary>The whole name.</summary>
    public override string ToString() => Value;
}
