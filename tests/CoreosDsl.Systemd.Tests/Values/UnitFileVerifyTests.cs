using CoreosDsl.Tests.Shared;
using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Environment= and ExecStart= lines written by our formatters from hostile strings, loaded by
/// <c>systemd-analyze verify</c>: systemd must accept every line and hold exactly the values we meant.
/// </summary>
[Trait("Category", "Oracle")]
public class UnitFileVerifyTests
{
    /// <summary>Strings that break naive quoting: whitespace, quotes, backslashes, specifiers, variables, separators, unicode.</summary>
    public static readonly string[] Hostile =
    [
        "", " ", "  leading", "trailing  ", "two  spaces", "tab\there", "new\nline", "carriage\rreturn", "bell\a",
        "\u0001\u0002\u001f", "del\u007f", "\"", "'", "\"double\"", "'single'", "mixed \"quotes' here", "back\\slash",
        "trailing\\", "\\", "\\\\", "\\n", "\\x41", "50%", "%n", "%%", "%", "100%%", "%i%p", "$", "$HOME", "${HOME}", "$$",
        "a$b", "$$$", ";", "\\;", "a;b", "; ", "#comment", ";semicolon", "-dash", "@at", ":colon", "+plus", "!bang", "|pipe",
        "if a | b; then c; fi", "caf\u00e9", "\u4e2d\u6587", "emoji \U0001F389", "\u00a0nbsp", "\u2028line separator", "\ufeffbom",
        "\u0085nel", "a=b", "=", "==", "x\u00ff\u0100", "`backtick`", "*glob?[x]", "~tilde", "\\s", "end with space ",
    ];

    [Fact]
    public void HostileEnvironmentValuesAndArgumentsReachSystemdExactly()
    {
        var environment = Hostile.Select((value, i) => new EnvironmentAssignment($"E{i}", value)).ToList();
        var commands = new List<ExecCommand>
        {
            new("/bin/echo", Hostile),
            new("/usr/bin/bash", "-c", "if a | b; then c; fi"),
            new ExecCommand("/bin/echo", Hostile).WithFlags(ExecFlags.NoVariableExpansion | ExecFlags.IgnoreFailure),
            new ExecCommand("/bin/echo", ["argv0 with space", .. Hostile]).WithFlags(ExecFlags.ArgvZero | ExecFlags.FullPrivileges),
            new ExecCommand("echo", "bare", "name").WithFlags(ExecFlags.NoCredentialChange),
        };
        commands.AddRange(Hostile.Select(h => new ExecCommand("/bin/echo", h, h + h)));

        var unit = new StringBuilder("[Unit]\nDescription=hostile values\n\n[Service]\nType=oneshot\n");
        foreach (var e in environment)
        {
            unit.Append("Environment=").Append(e).Append('\n');
        }

        foreach (var c in commands)
        {
            unit.Append("ExecStart=").Append(c).Append('\n');
        }

        var verify = SystemdVerify.Run(new Dictionary<string, string> { ["hostile.service"] = unit.ToString() });
        AssertNoComplaints(verify, "hostile.service");

        // Environment= holds exactly NAME=VALUE (specifiers resolved: %% is %, nothing else changes).
        var dump = verify.Dump("hostile.service");
        foreach (var e in environment)
        {
            Assert.Contains($"\t\tEnvironment: {e.Name}={e.Value}\n", dump, StringComparison.Ordinal);
        }

        // ExecStart= holds exactly argv; "$" stays doubled until execution unless the ':' prefix is given.
        var lines = verify.DumpValues("hostile.service", "Command Line");
        Assert.Equal(commands.Count, lines.Count);
        for (var i = 0; i < commands.Count; i++)
        {
            Assert.Equal(ExpectedArgv(commands[i]), SystemdVerify.SplitCommandLine(lines[i]));
        }
    }

    /// <summary>Characters that need quoting or escaping, mixed with printable ASCII and the rest of the BMP.</summary>
    public static readonly Gen<char> HostileChar = Gen.Frequency(
        (3, (IGen<char>)Gen.Char[' ', '~']),
        (2, Gen.Char[" \t\n\r\"'\\%$;#\u0001\u007f\u00e9\u4e2d\u00a0"]),
        (1, Gen.Char['\u0080', '\ud7ff']));

    /// <summary>A word of 0 to 12 hostile characters.</summary>
    public static readonly Gen<string> HostileWord = HostileChar.Array[0, 12].Select(a => new string(a));

    [Fact]
    public void RandomCommandsAndAssignmentsReachSystemdExactly()
    {
        var flags = Gen.OneOf(ExecFlags.None, ExecFlags.NoVariableExpansion, ExecFlags.IgnoreFailure | ExecFlags.FullPrivileges);
        var command = Gen.Select(HostileWord.Array[0, 6], flags, (args, f) => new ExecCommand("/bin/echo", args).WithFlags(f));
        var batch = Gen.Select(command.Array[100], HostileWord.Array[100]);

        // One systemd-analyze run per batch of 100 commands and 100 assignments.
        batch.Sample((commands, values) =>
        {
            var environment = values.Select((v, i) => new EnvironmentAssignment($"R{i}", v)).ToList();
            var unit = new StringBuilder("[Service]\nType=oneshot\n");
            environment.ForEach(e => unit.Append("Environment=").Append(e).Append('\n'));
            foreach (var c in commands)
            {
                unit.Append("ExecStart=").Append(c).Append('\n');
            }

            var verify = SystemdVerify.Run(new Dictionary<string, string> { ["random.service"] = unit.ToString() });
            AssertNoComplaints(verify, "random.service");
            var dump = verify.Dump("random.service");
            foreach (var e in environment)
            {
                Assert.Contains($"\t\tEnvironment: {e.Name}={e.Value}\n", dump, StringComparison.Ordinal);
            }

            var lines = verify.DumpValues("random.service", "Command Line");
            Assert.Equal(commands.Length, lines.Count);
            for (var i = 0; i < commands.Length; i++)
            {
                Assert.Equal(ExpectedArgv(commands[i]), SystemdVerify.SplitCommandLine(lines[i]));
            }
        }, iter: 3, threads: 1);
    }

    [Fact]
    public void TheCheckCanFail()
    {
        // Hand-written lines that systemd complains about: the assertions above would catch such output.
        // (A fatal line such as an unbalanced quote in ExecStart= ends the parsing of the file, so it comes last.)
        const string Unit = "[Service]\nType=oneshot\nNoSuchKey=1\nEnvironment=\"A=b\nExecStart=/bin/echo \\q\nExecStart=/bin/echo %z\n";
        var verify = SystemdVerify.Run(new Dictionary<string, string> { ["bad.service"] = Unit });
        Assert.NotEmpty(Complaints(verify, "bad.service"));
        Assert.True(verify.Messages("bad.service").Count >= 4, string.Join('\n', verify.Messages("bad.service")));
    }

    /// <summary>The argv systemd stores when it loads the line: program (unless '@'), then the arguments with '$' still doubled.</summary>
    private static List<string> ExpectedArgv(ExecCommand command)
    {
        var dollars = !command.Flags.HasFlag(ExecFlags.NoVariableExpansion);
        var args = command.Arguments.Select(a => dollars ? a.Replace("$", "$$", StringComparison.Ordinal) : a);
        return command.Flags.HasFlag(ExecFlags.ArgvZero) ? [.. args] : [command.Program, .. args];
    }

    private static IReadOnlyList<string> Complaints(SystemdVerify verify, string file) =>
        [.. verify.Messages(file).Where(m =>
            m.Contains("Failed to parse", StringComparison.Ordinal) || m.Contains("bad unit file setting", StringComparison.Ordinal)
            || m.Contains("Unknown key", StringComparison.Ordinal) || m.Contains("Invalid", StringComparison.Ordinal)
            || m.Contains("Unbalanced", StringComparison.Ordinal) || m.Contains("escape", StringComparison.Ordinal)
            || m.Contains("Failed to resolve", StringComparison.Ordinal) || m.Contains("ignoring", StringComparison.OrdinalIgnoreCase))];

    private static void AssertNoComplaints(SystemdVerify verify, string file)
    {
        var complaints = Complaints(verify, file);
        Assert.True(complaints.Count == 0, $"systemd complained about {file}:\n{string.Join('\n', complaints)}");
        Assert.True(verify.Result.ExitCode == 0, verify.Result.Output);
    }
}
