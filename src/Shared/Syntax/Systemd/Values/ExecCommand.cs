using System.Text;

namespace CoreosDsl.Systemd;

/// <summary>The special prefixes of an <c>Exec…=</c> command line (<c>value-grammars.md</c> §7).</summary>
[Flags]
public enum ExecFlags
{
    /// <summary>No prefix.</summary>
    None = 0,
    /// <summary><c>@</c>: the second word is passed as argv[0].</summary>
    ArgvZero = 1,
    /// <summary><c>-</c>: a failing exit status is recorded but treated as success.</summary>
    IgnoreFailure = 2,
    /// <summary><c>:</c>: no environment variable expansion on this line.</summary>
    NoVariableExpansion = 4,
    /// <summary><c>+</c>: full privileges, ignoring User=, Group=, capabilities and namespacing.</summary>
    FullPrivileges = 8,
    /// <summary><c>!</c>: skip only the user and group credential change.</summary>
    NoCredentialChange = 16,
    /// <summary><c>|</c> (systemd 258 and later): run through the user's shell.</summary>
    ViaShell = 32,
    /// <summary><c>!!</c>: the ambient-capabilities fallback; removed in systemd 258, which reads it with a notice and ignores it.</summary>
    LegacyAmbientCapabilities = 64,
}

/// <summary>
/// One command of an <c>ExecStart=</c>-style directive: prefixes, program and arguments. Built from parts it
/// quotes and escapes as systemd requires; parsed from a line it keeps the line exactly as written.
/// </summary>
/// <remarks>
/// <para>Built from parts, the program and arguments are literal text: every <c>%</c> is doubled (specifiers are
/// expanded before the program runs), every <c>$</c> is doubled unless <see cref="ExecFlags.NoVariableExpansion"/>
/// is set, a lone <c>;</c> argument is written <c>\;</c>, and a word with whitespace, quotes, backslashes or
/// control characters is wrapped in double quotes with C escapes. So
/// <c>new ExecCommand("/usr/bin/bash", "-c", "if a | b; then c; fi")</c> is written
/// <c>/usr/bin/bash -c "if a | b; then c; fi"</c>, and systemd passes exactly those three words.</para>
/// <para>Parsed from a line, <see cref="Program"/> and <see cref="Arguments"/> are the words after unquoting and
/// unescaping, with <c>%%</c> and (unless <c>:</c>) <c>$$</c> turned back into <c>%</c> and <c>$</c>; real
/// specifiers (<c>%i</c>) and variable references (<c>${X}</c>, <c>$X</c>) are left as written. To use specifiers
/// or variables in a command, parse it from text: the constructor always produces literal text.</para>
/// </remarks>
public sealed class ExecCommand
{
    private const string What = "a command line";

    /// <summary>The text as parsed; null for a command built from parts (then <see cref="ToString"/> writes it).</summary>
    private readonly string? text;

    /// <summary>True when <see cref="Program"/> and <see cref="Arguments"/> are literals to be escaped on output.</summary>
    private readonly bool literal;

    /// <summary>For a parsed command: the words as systemd reads them, before specifier and variable expansion.</summary>
    private readonly string[] rawWords = [];

    /// <summary>Creates a command from its parts; arguments are literal text (quoted and escaped on output).</summary>
    /// <exception cref="ArgumentException">The program is neither an absolute path nor a plain file name.</exception>
    public ExecCommand(string program, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(program);
        ArgumentNullException.ThrowIfNull(arguments);
        var problem = CheckProgram(program, ExecFlags.None);
        if (problem is not null)
        {
            throw new ArgumentException($"{ValueText.Quote(program)} cannot be the program of a command: {problem}.", nameof(program));
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(arguments[i], $"{nameof(arguments)}[{i}]");
            problem = UnitFileWords.CheckWritable(arguments[i]);
            if (problem is not null)
            {
                throw new ArgumentException($"Argument {i} {ValueText.Quote(arguments[i])} cannot be written: {problem}.", nameof(arguments));
            }
        }

        literal = true;
        Program = program;
        Arguments = [.. arguments];
    }

    private ExecCommand(string? text, bool literal, ExecFlags flags, string program, IReadOnlyList<string> arguments, string[] rawWords)
    {
        this.text = text;
        this.literal = literal;
        this.rawWords = rawWords;
        Flags = flags;
        Program = program;
        Arguments = arguments;
    }

    /// <summary>The prefixes.</summary>
    public ExecFlags Flags { get; private init; }
    /// <summary>The program: an absolute path or a plain file name looked up in systemd's search path.</summary>
    public string Program { get; private init; } = "";
    /// <summary>The arguments after the program, unquoted.</summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>
    /// The words as systemd reads them from the line (unquoted and unescaped, before specifier and variable
    /// expansion): the program (without prefixes), then the arguments.
    /// </summary>
    internal IReadOnlyList<string> Words => literal
        ? [Specifiers.EscapeLiteral(Program), .. Arguments.Select(a => LiteralToWord(a, Flags))]
        : rawWords;

    /// <summary>The same command with these prefixes.</summary>
    /// <exception cref="ArgumentException">The prefixes contradict each other (<c>+</c> with <c>!</c>) or do not fit the program.</exception>
    public ExecCommand WithFlags(ExecFlags flags)
    {
        var problem = CheckFlags(flags);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(flags));
        }

        if (literal)
        {
            problem = CheckProgram(Program, flags);
            if (problem is not null)
            {
                throw new ArgumentException($"{ValueText.Quote(Program)} cannot be the program with these prefixes: {problem}.", nameof(flags));
            }

            if (flags.HasFlag(ExecFlags.ArgvZero) && !flags.HasFlag(ExecFlags.ViaShell) && Arguments.Count == 0)
            {
                throw new ArgumentException("With the '@' prefix (ArgvZero) the first argument is argv[0]; add it first.", nameof(flags));
            }

            return new ExecCommand(null, true, flags, Program, Arguments, []);
        }

        // A parsed command keeps its words; whether "$$" means "$" depends on the new prefixes.
        return new ExecCommand(null, false, flags, Program, InterpretArguments(rawWords, flags), rawWords);
    }

    /// <summary>Parses a command line as written in a unit file; <see cref="ToString"/> then returns it unchanged.</summary>
    /// <exception cref="FormatException">Not a valid command line; the message says why.</exception>
    public static ExecCommand Parse(string line) =>
        TryParse(line, out var value, out var error) ? value! : throw new FormatException(error);

    /// <summary>Parses a command line; returns false with a message when it is not valid.</summary>
    /// <param name="line">The value after <c>ExecStart=</c> (or another <c>Exec…=</c>).</param>
    /// <param name="value">The command.</param>
    /// <param name="error">What is wrong and where; null on success.</param>
    public static bool TryParse(string line, out ExecCommand? value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        value = null;
        var position = 0;
        if (!UnitFileWords.TryRead(line, ref position, out var first, out var firstStart, out error))
        {
            error = ValueText.Error(line, What, error ?? "it is empty (an empty assignment clears the commands collected so far)");
            return false;
        }

        if (first == ";")
        {
            error = ValueText.Error(line, What, $"it starts with the command separator ';' at column {firstStart + 1}");
            return false;
        }

        // The prefixes, in the order and with the rules of config_parse_exec (systemd v261).
        var flags = ExecFlags.None;
        var f = 0;
        for (; f < first.Length; f++)
        {
            var c = first[f];
            if (c == '-' && !flags.HasFlag(ExecFlags.IgnoreFailure))
            {
                flags |= ExecFlags.IgnoreFailure;
            }
            else if (c == '@' && !flags.HasFlag(ExecFlags.ArgvZero))
            {
                flags |= ExecFlags.ArgvZero;
            }
            else if (c == ':' && !flags.HasFlag(ExecFlags.NoVariableExpansion))
            {
                flags |= ExecFlags.NoVariableExpansion;
            }
            else if (c == '|' && !flags.HasFlag(ExecFlags.ViaShell))
            {
                flags |= ExecFlags.ViaShell;
            }
            else if (c == '+' && (flags & (ExecFlags.FullPrivileges | ExecFlags.NoCredentialChange | ExecFlags.LegacyAmbientCapabilities)) == 0)
            {
                flags |= ExecFlags.FullPrivileges;
            }
            else if (c == '!' && (flags & (ExecFlags.FullPrivileges | ExecFlags.NoCredentialChange | ExecFlags.LegacyAmbientCapabilities)) == 0)
            {
                flags |= ExecFlags.NoCredentialChange;
            }
            else if (c == '!' && (flags & (ExecFlags.FullPrivileges | ExecFlags.LegacyAmbientCapabilities)) == 0)
            {
                flags = (flags & ~ExecFlags.NoCredentialChange) | ExecFlags.LegacyAmbientCapabilities;
            }
            else
            {
                break;
            }
        }

        var rawProgram = first[f..];
        var words = new List<string> { rawProgram };
        var wordStarts = new List<int> { firstStart };
        while (position < line.Length)
        {
            // An unquoted lone ";" separates commands; "\;" is a literal ";" argument (checked on the raw text,
            // because unquoting would make "\;", "\\;" and "\";\"" look alike).
            if (line[position] == ';' && (position + 1 == line.Length || ValueText.IsWhitespace(line[position + 1])))
            {
                error = ValueText.Error(line, What,
                    $"the ';' at column {position + 1} separates commands; write one {nameof(ExecCommand)} per command, and a literal ';' argument as \\;");
                return false;
            }

            if (line[position] == '\\' && position + 1 < line.Length && line[position + 1] == ';'
                && (position + 2 == line.Length || ValueText.IsWhitespace(line[position + 2])))
            {
                words.Add(";");
                wordStarts.Add(position);
                position += 2;
                while (position < line.Length && ValueText.IsWhitespace(line[position]))
                {
                    position++;
                }

                continue;
            }

            if (!UnitFileWords.TryRead(line, ref position, out var word, out var start, out error))
            {
                if (error is null)
                {
                    break;
                }

                error = ValueText.Error(line, What, error);
                return false;
            }

            words.Add(word);
            wordStarts.Add(start);
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (!Specifiers.TryValidate(words[i], SpecifierContext.General, out var specifierError))
            {
                error = ValueText.Error(line, What, $"in the word at column {wordStarts[i] + 1}: {specifierError}");
                return false;
            }
        }

        var program = Specifiers.UnescapeLiteral(rawProgram);
        var problem = flags.HasFlag(ExecFlags.ViaShell) ? null : CheckPath(program);
        if (problem is not null)
        {
            error = ValueText.Error(line, What, $"the program {ValueText.Quote(program)} at column {firstStart + 1}: {problem}");
            return false;
        }

        if (flags.HasFlag(ExecFlags.ArgvZero) && !flags.HasFlag(ExecFlags.ViaShell) && words.Count < 2)
        {
            error = ValueText.Error(line, What, "with the '@' prefix the word after the program is argv[0], and it is missing");
            return false;
        }

        var raw = words.ToArray();
        value = new ExecCommand(line, false, flags, program, InterpretArguments(raw, flags), raw);
        return true;
    }

    /// <summary>The arguments a program receives for these raw words when they hold no real specifiers or variables.</summary>
    private static string[] InterpretArguments(string[] rawWords, ExecFlags flags) =>
        [.. rawWords.Skip(1).Select(w => flags.HasFlag(ExecFlags.NoVariableExpansion)
            ? Specifiers.UnescapeLiteral(w)
            : UndoubleDollars(Specifiers.UnescapeLiteral(w)))];

    private static string UndoubleDollars(string word) => word.Replace("$$", "$", StringComparison.Ordinal);

    /// <summary>The command line as it goes into the unit file.</summary>
    public override string ToString()
    {
        if (text is not null)
        {
            return text;
        }

        var sb = new StringBuilder();
        var prefix = PrefixText(Flags);
        if (literal)
        {
            sb.Append(UnitFileWords.Write(prefix + Specifiers.EscapeLiteral(Program)));
            foreach (var argument in Arguments)
            {
                sb.Append(' ').Append(WriteArgument(LiteralToWord(argument, Flags)));
            }
        }
        else
        {
            sb.Append(UnitFileWords.Write(prefix + rawWords[0]));
            foreach (var word in rawWords.Skip(1))
            {
                sb.Append(' ').Append(WriteArgument(word));
            }
        }

        return sb.ToString();
    }

    /// <summary>A literal argument as a unit-file word: '%' doubled, and '$' doubled unless the ':' prefix is set.</summary>
    private static string LiteralToWord(string argument, ExecFlags flags)
    {
        var word = Specifiers.EscapeLiteral(argument);
        return flags.HasFlag(ExecFlags.NoVariableExpansion) ? word : word.Replace("$", "$$", StringComparison.Ordinal);
    }

    private static string WriteArgument(string word) => word == ";" ? "\\;" : UnitFileWords.Write(word);

    private static string PrefixText(ExecFlags flags)
    {
        var sb = new StringBuilder();
        if (flags.HasFlag(ExecFlags.IgnoreFailure)) { sb.Append('-'); }
        if (flags.HasFlag(ExecFlags.ArgvZero)) { sb.Append('@'); }
        if (flags.HasFlag(ExecFlags.NoVariableExpansion)) { sb.Append(':'); }
        if (flags.HasFlag(ExecFlags.FullPrivileges)) { sb.Append('+'); }
        if (flags.HasFlag(ExecFlags.NoCredentialChange)) { sb.Append('!'); }
        if (flags.HasFlag(ExecFlags.LegacyAmbientCapabilities)) { sb.Append("!!"); }
        if (flags.HasFlag(ExecFlags.ViaShell)) { sb.Append('|'); }
        return sb.ToString();
    }

    private static string? CheckFlags(ExecFlags flags)
    {
        if ((flags & ~(ExecFlags)127) != 0)
        {
            return $"{flags} is not a combination of ExecFlags values";
        }

        var privilege = flags & (ExecFlags.FullPrivileges | ExecFlags.NoCredentialChange | ExecFlags.LegacyAmbientCapabilities);
        if (privilege != 0 && (privilege & (privilege - 1)) != 0)
        {
            return "'+' (FullPrivileges), '!' (NoCredentialChange) and '!!' (LegacyAmbientCapabilities) exclude each other";
        }

        return null;
    }

    /// <summary>Why a literal program cannot be written with these prefixes, or null.</summary>
    private static string? CheckProgram(string program, ExecFlags flags)
    {
        var problem = UnitFileWords.CheckWritable(program);
        if (problem is not null)
        {
            return problem;
        }

        if (program.Contains('$', StringComparison.Ordinal))
        {
            return "a '$' would be expanded in argv[0] but not in the path; use a path without '$'";
        }

        if (program == ";")
        {
            return "a lone ';' is the command separator";
        }

        if (program.Length > 0 && "-@:+!|".Contains(program[0], StringComparison.Ordinal))
        {
            return $"a leading '{program[0]}' would be read as a prefix; use the absolute path";
        }

        return flags.HasFlag(ExecFlags.ViaShell) && program.Length == 0 ? null : CheckPath(program);
    }

    /// <summary>
    /// The checks of <c>config_parse_exec</c> on the program path: not empty, no control characters, quotes or
    /// backslashes (<c>string_is_safe</c>), not a directory, an absolute path or a plain file name.
    /// </summary>
    private static string? CheckPath(string path)
    {
        if (path.Length == 0)
        {
            return "the program is empty";
        }

        foreach (var c in path)
        {
            if (ValueText.IsControl(c) || c is '"' or '\'' or '\\')
            {
                return "a program path may not contain control characters, quotes or backslashes";
            }
        }

        if (path.EndsWith('/') || path is "." or ".." || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal))
        {
            return "it names a directory";
        }

        if (path[0] == '/')
        {
            if (Encoding.UTF8.GetByteCount(path) >= 4096)
            {
                return "the path is 4096 bytes or longer";
            }

            if (path.Split('/').Any(c => Encoding.UTF8.GetByteCount(c) > 255))
            {
                return "a path component is longer than 255 bytes";
            }

            return null;
        }

        if (path.Contains('/', StringComparison.Ordinal))
        {
            return "it is neither an absolute path nor a plain file name (a relative path with '/')";
        }

        return Encoding.UTF8.GetByteCount(path) > 255 ? "the file name is longer than 255 bytes" : null;
    }
}
