using System.Globalization;
using System.Text;

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
    /// <summary>systemd's <c>UNIT_NAME_MAX</c> minus the terminating NUL: the longest name in bytes.</summary>
    public const int MaxLength = 255;

    /// <summary>The key of systemd's <c>unit_name_hash_long</c> (<c>LONG_UNIT_NAME_HASH_KEY</c>).</summary>
    private static readonly byte[] LongNameHashKey =
        [0xec, 0xf2, 0x37, 0xfb, 0x58, 0x32, 0x4a, 0x32, 0x84, 0x9f, 0x06, 0x9b, 0x0d, 0x21, 0xeb, 0x9a];

    private const int HashLength = 16;

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

    /// <summary>True for the unit types that may be templates and instances: service, socket, target, timer, path.</summary>
    public static bool MayBeTemplate(UnitType type) =>
        type is UnitType.Service or UnitType.Socket or UnitType.Target or UnitType.Timer or UnitType.Path;

    /// <summary>Parses and validates a unit name.</summary>
    /// <exception cref="FormatException">Not a valid unit name; the message names the rule broken.</exception>
    public static UnitName Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Validates a unit name; returns false with a message naming the rule broken.</summary>
    public static bool TryParse(string text, out UnitName value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string What = "a unit name";
        value = default;
        error = null;
        if (text.Length == 0)
        {
            error = ValueText.Error(text, What, "it is empty");
            return false;
        }

        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxLength)
        {
            error = ValueText.Error(text, What, $"it is {bytes} bytes long; the limit is {MaxLength}");
            return false;
        }

        var dot = text.LastIndexOf('.');
        if (dot <= 0)
        {
            error = ValueText.Error(text, What, dot < 0
                ? "it has no type suffix such as .service"
                : "the name before the type suffix is empty");
            return false;
        }

        var suffix = text[(dot + 1)..];
        if (!TryParseSuffix(suffix, out var type))
        {
            error = ValueText.Error(text, What,
                $"'.{suffix}' is not a unit type; use one of .{string.Join(", .", Enum.GetValues<UnitType>().Select(Suffix))}");
            return false;
        }

        var at = -1;
        for (var i = 0; i < dot; i++)
        {
            var c = text[i];
            if (c == '@' && at < 0)
            {
                at = i;
            }

            if (!IsNameChar(c) && c != '@')
            {
                error = ValueText.Error(text, What,
                    $"{ValueText.Describe(text, i)} at column {i + 1} is not allowed; unit names use A-Z a-z 0-9 : - _ . \\ and @ (use UnitName.Escape for other text)");
                return false;
            }
        }

        if (at == 0)
        {
            error = ValueText.Error(text, What, "the prefix before '@' is empty");
            return false;
        }

        if (at > 0 && !MayBeTemplate(type))
        {
            error = ValueText.Error(text, What,
                $"only service, socket, target, timer and path units can be templates or instances, not .{suffix}");
            return false;
        }

        value = at < 0
            ? new UnitName(text, text[..dot], null, type)
            : new UnitName(text, text[..at], text[(at + 1)..dot], type);
        return true;
    }

    /// <summary>The suffix of a unit type without the dot (<c>service</c>).</summary>
    public static string Suffix(UnitType type) => type switch
    {
        UnitType.Service => "service",
        UnitType.Socket => "socket",
        UnitType.Target => "target",
        UnitType.Device => "device",
        UnitType.Mount => "mount",
        UnitType.Automount => "automount",
        UnitType.Swap => "swap",
        UnitType.Timer => "timer",
        UnitType.Path => "path",
        UnitType.Slice => "slice",
        UnitType.Scope => "scope",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a unit type"),
    };

    private static bool TryParseSuffix(string suffix, out UnitType type)
    {
        foreach (var candidate in Enum.GetValues<UnitType>())
        {
            if (Suffix(candidate) == suffix)
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The characters systemd allows in a unit name besides <c>@</c> (<c>VALID_CHARS</c>).</summary>
    private static bool IsNameChar(char c) => ValueText.IsLetter(c) || ValueText.IsDigit(c) || c is ':' or '-' or '_' or '.' or '\\';

    /// <summary>Escapes a string for use in a unit name, as <c>systemd-escape</c> does.</summary>
    /// <remarks>
    /// <c>/</c> becomes <c>-</c>; <c>-</c>, <c>\</c>, a leading <c>.</c> and every byte outside
    /// <c>A-Z a-z 0-9 : _ .</c> become <c>\xHH</c> (per UTF-8 byte, lower-case hex).
    /// </remarks>
    /// <exception cref="ArgumentException">The text is not valid Unicode (a lone surrogate) or contains NUL.</exception>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problem = UnitFileWords.CheckWritable(text);
        if (problem is not null)
        {
            throw new ArgumentException($"{ValueText.Quote(text)} cannot be escaped: {problem}.", nameof(text));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var sb = new StringBuilder(bytes.Length * 2);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (i == 0 && b == (byte)'.')
            {
                AppendEscaped(sb, b); // no unit names with a leading dot, as for "/.dotdir" mount points
            }
            else if (b == (byte)'/')
            {
                sb.Append('-');
            }
            else if (b < 0x80 && b != (byte)'-' && b != (byte)'\\' && IsNameChar((char)b))
            {
                sb.Append((char)b);
            }
            else
            {
                AppendEscaped(sb, b);
            }
        }

        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, byte b) =>
        sb.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));

    /// <summary>Escapes a path as <c>systemd-escape --path</c> does (<c>/var/lib/docker</c> → <c>var-lib-docker</c>).</summary>
    /// <remarks>
    /// Redundant slashes and <c>.</c> components are dropped first, and the root (or an empty path) becomes
    /// <c>-</c>. Like the tool, a relative path is escaped too (<see cref="FromPath"/> insists on an absolute one).
    /// </remarks>
    /// <exception cref="ArgumentException">The path has a <c>..</c> component, a component longer than 255 bytes, is
    /// 4096 bytes or longer, is just <c>.</c>, or is not valid Unicode.</exception>
    public static string EscapePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var problem = UnitFileWords.CheckWritable(path);
        if (problem is not null)
        {
            throw new ArgumentException($"{ValueText.Quote(path)} cannot be escaped: {problem}.", nameof(path));
        }

        // systemd's path_simplify(): drop empty and "." components, keep ".." (refused below).
        var components = path.Split('/').Where(c => c.Length > 0 && c != ".").ToList();
        if (components.Count == 0)
        {
            if (path.Length == 0 || path[0] == '/')
            {
                return "-";
            }

            throw new ArgumentException($"{ValueText.Quote(path)} cannot be escaped as a path: it names the current directory '.'.", nameof(path));
        }

        foreach (var component in components)
        {
            if (component == "..")
            {
                throw new ArgumentException($"{ValueText.Quote(path)} cannot be escaped as a path: it contains a '..' component; write the normalized path.", nameof(path));
            }

            if (Encoding.UTF8.GetByteCount(component) > 255)
            {
                throw new ArgumentException($"{ValueText.Quote(path)} cannot be escaped as a path: the component '{component[..16]}…' is longer than 255 bytes.", nameof(path));
            }
        }

        var simplified = string.Join('/', components);
        if (Encoding.UTF8.GetByteCount(simplified) + (path[0] == '/' ? 1 : 0) >= 4096)
        {
            throw new ArgumentException($"{ValueText.Quote(path[..32])}… cannot be escaped as a path: it is 4096 bytes or longer.", nameof(path));
        }

        return Escape(simplified);
    }

    /// <summary>The unit name systemd requires for a path unit type (<c>/var/lib/docker</c>, mount → <c>var-lib-docker.mount</c>).</summary>
    /// <remarks>
    /// A <c>.mount</c> or <c>.automount</c> unit must be named after its <c>Where=</c>, a <c>.swap</c> or
    /// <c>.device</c> unit after its device path. A name that would be longer than 255 bytes is shortened the way
    /// systemd does it (the first part, <c>_</c>, a 16-digit SipHash of the whole name, the suffix).
    /// </remarks>
    /// <exception cref="ArgumentException">The type is not mount, automount, swap or device, or the path is not an
    /// absolute, normalized path.</exception>
    public static UnitName FromPath(string path, UnitType type)
    {
        if (type is not (UnitType.Mount or UnitType.Automount or UnitType.Swap or UnitType.Device))
        {
            throw new ArgumentException($"Only mount, automount, swap and device units are named after a path, not {Suffix(type)} units.", nameof(type));
        }

        return TryFromPath(path, type, out var name, out var error) ? name : throw new ArgumentException(error, nameof(path));
    }

    /// <summary>
    /// The unit name systemd requires for <paramref name="path"/> (see <see cref="FromPath"/>); false with the reason
    /// when the path is not absolute or the name it makes is not a valid unit name, or the type is not named after a path.
    /// </summary>
    public static bool TryFromPath(string path, UnitType type, out UnitName value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        value = default;
        if (type is not (UnitType.Mount or UnitType.Automount or UnitType.Swap or UnitType.Device))
        {
            error = $"only mount, automount, swap and device units are named after a path, not {Suffix(type)} units";
            return false;
        }

        if (!path.StartsWith('/'))
        {
            error = $"{ValueText.Quote(path)} is not an absolute path; {Suffix(type)} units are named after an absolute path.";
            return false;
        }

        var name = EscapePath(path) + "." + Suffix(type);
        if (name.Length > MaxLength)
        {
            // systemd's unit_name_hash_long(): keep a prefix, append "_" + SipHash-2-4 of the full name including its
            // terminating NUL (siphash24_string), as little-endian hex.
            var hash = SipHash24.Hash(Encoding.ASCII.GetBytes(name + "\0"), LongNameHashKey);
            Span<byte> le = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(le, hash);
            var keep = MaxLength - Suffix(type).Length - HashLength - 2;
            name = name[..keep] + "_" + Convert.ToHexStringLower(le) + "." + Suffix(type);
        }

        return TryParse(name, out value, out error);
    }

    /// <summary>The whole name (empty for <c>default(UnitName)</c>).</summary>
    public override string ToString() => Value ?? "";
}
