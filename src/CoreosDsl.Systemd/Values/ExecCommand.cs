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
}

/// <summary>
/// One command of an <c>ExecStart=</c>-style directive: prefixes, program and arguments. Built from parts it
/// quotes and escapes as systemd requires; parsed from a line it keeps the line exactly as written.
/// </summary>
public sealed class ExecCommand
{
    /// <summary>Creates a command from its parts; arguments are literal text (quoted and escaped on output).</summary>
    /// <exception cref="ArgumentException">The program is neither an absolute path nor a plain file name.</exception>
    public ExecCommand(string program, params string[] arguments) => throw new NotImplementedException();

    /// <summary>The prefixes.</summary>
    public ExecFlags Flags { get; private init; }
    /// <summary>The program: an absolute path or a plain file name looked up in systemd's search path.</summary>
    public string Program { get; private init; } = "";
    /// <summary>The arguments after the program, unquoted.</summary>
    public IReadOnlyList<string> Arguments { get; private init; } = [];

    /// <summary>The same command with these prefixes.</summary>
    public ExecCommand WithFlags(ExecFlags flags) => throw new NotImplementedException();

    /// <summary>Parses a command line as written in a unit file; <see cref="ToString"/> then returns it unchanged.</summary>
    /// <exception cref="FormatException">Not a valid command line; the message says why.</exception>
    public static ExecCommand Parse(string line) => throw new NotImplementedException();

    /// <summary>Parses a command line; returns false with a message when it is not valid.</summary>
    public static bool TryParse(string line, out ExecCommand? value, out string? error) => throw new NotImplementedException();

    /// <summary>The command line as it goes into the unit file.</summary>
    public override string ToString() => throw new NotImplementedException();
}
