using System.Text;
using System.Text.RegularExpressions;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// Turns a documentation block into a C# file, by its kind:
/// <list type="bullet">
/// <item><c>file</c>, <c>program</c>: the block as it is (a library; a console program with top-level statements).</item>
/// <item>A block's leading <c>using</c> lines go at the top of the file, in every kind.</item>
/// <item><c>members</c>: the block inside <c>public partial class Snippet { ... }</c>.</item>
/// <item><c>fragment [RECEIVER]</c>: builder calls. A statement starts at a line without indentation (indented lines
/// continue it, and so do <c>.Call(...)</c> lines after a statement that starts with <c>.</c>; comment lines are
/// dropped); each becomes its own method, wrapped in the <see cref="Receivers"/> template its first word names (<c>units.Raw(...)</c> is placed where <c>units</c> is a worker's
/// <c>coreos.units</c> builder). A statement that starts with <c>.</c> continues the marker's RECEIVER; any other
/// statement (<c>Units.Timer(...)</c>, <c>Worker.Define(...)</c>, <c>worker.WithConfigUrl(...)</c>) is a method body
/// as it is. <c>=&gt; ...</c> stands for an empty lambda body, and <c> ...)</c> for nothing. With <c>ignition</c>
/// the templates' worker is an Ignition worker (<c>.WithIgnition()</c>).</item>
/// </list>
/// Every file sees the names of <see cref="Prelude"/>: the values the documentation uses without defining them.
/// </summary>
public static partial class DocSnippetTemplates
{
    /// <summary>Receiver names of fragments and where each places the statement (<c>$</c>).</summary>
    private static readonly Dictionary<string, string> Templates = new(StringComparer.Ordinal)
    {
        // A worker's builder (the w of Worker.Define("worker", w => ...)).
        ["w"] = """Worker.Define("worker", w => $)""",
        // Its coreos builder (w.Coreos(c => ...)).
        ["c"] = """Worker.Define("worker", w => w.Coreos(c => $))""",
        // Its coreos.units builder.
        ["units"] = """Worker.Define("worker", w => w.Coreos(c => c.Units(units => $)))""",
        // A service of that worker, app.service.
        ["s"] = """Worker.Define("worker", w => w.Coreos(c => c.Units(units => units.Service("app.service", s => $))))""",
        // A timer of that worker, app.timer, which starts app.service.
        ["t"] = """Worker.Define("worker", w => w.Coreos(c => c.Units(units => units.Timer("app.timer", t => $).Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))))))""",
        // The Ignition-only settings of a worker.
        ["i"] = """Worker.Define("worker", _ => { }).WithIgnition(i => $)""",
    };

    /// <summary>The receivers a fragment may name.</summary>
    public static IEnumerable<string> Receivers => Templates.Keys;

    /// <summary>Whether <paramref name="name"/> is a fragment receiver.</summary>
    public static bool IsReceiver(string name) => Templates.ContainsKey(name);

    /// <summary>
    /// Names the documentation uses without defining them (a worker, key lines, a tool's URL ...), visible in every
    /// block through a global using static; and the definitions projects' classes that blocks call.
    /// </summary>
    public const string Prelude = """
        global using static DocNames;
        // The documentation's tests are in a test project (xunit) that references CoreosDsl.Testing.
        global using Xunit;
        global using CoreosDsl.Testing;

        /// <summary>Values the documentation's blocks use without defining them.</summary>
        public static class DocNames
        {
            public static readonly string[] keys = ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl docs@example.com"];
            public static readonly Uri toolUrl = new("https://downloads.example.com/tool");
            public const string toolSha512 = "sha512-cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
            public static readonly WorkerDefinition worker = Worker.Define("worker", _ => { });
            public const string unitText = "[Service]\nExecStart=/usr/bin/app\n";
            public const string outDir = "out";
            public static WorkerDefinition Build(string group) => Worker.Define("worker", w => w.Coreos(c => c.Update(u => u.Group(group))));
        }

        namespace LocalWorkers
        {
            /// <summary>examples/LocalWorkers' worker, as blocks call it.</summary>
            public static class LocalWorker
            {
                public static WorkerDefinition Define() => Worker.Define("local-worker", _ => { });
            }
        }

        /// <summary>examples/Fleet's workers, as blocks call them.</summary>
        public static class FleetWorkers
        {
            public static IEnumerable<WorkerDefinition> All() => [LocalWorkers.LocalWorker.Define()];
        }
        """;

    /// <summary>
    /// The failing part and the fixed part of a block: a line <c>// fixed ...</c> starts the fixed part. A block
    /// without one is all failing part (with no expectation: it must compile cleanly).
    /// </summary>
    public static (string Failing, string? Fixed) Split(string code)
    {
        var lines = code.Split('\n');
        var at = Array.FindIndex(lines, l => FixedLine().IsMatch(l));
        return at < 0 ? (code, null) : (string.Join("\n", lines[..at]), string.Join("\n", lines[at..]));
    }

    /// <summary>The C# file for <paramref name="code"/> of a block of this kind.</summary>
    public static string Wrap(SnippetMarker? marker, string code)
    {
        // A block's leading using directives belong at the top of the file.
        var lines = code.Split('\n');
        var usings = lines.TakeWhile(l => l.Trim().Length == 0 || UsingLine().IsMatch(l)).Count();
        var (head, rest) = (string.Join("\n", lines[..usings]), string.Join("\n", lines[usings..]));
        return (marker?.Kind ?? "file") switch
        {
            "file" or "program" => code,
            "members" => $"{head}\npublic partial class Snippet\n{{\n{rest}\n}}\n",
            "fragment" => head + "\n" + Fragment(rest, marker!.Argument, marker.Ignition),
            var kind => throw new ArgumentException($"no template for '{kind}'", nameof(marker)),
        };
    }

    /// <summary>The statements of a fragment, each in its own method, wrapped by its receiver.</summary>
    private static string Fragment(string code, string? receiver, bool ignition)
    {
        var text = new StringBuilder("public static class Snippet\n{\n");
        var statements = Statements(code).ToList();

        for (var n = 0; n < statements.Count; n++)
        {
            var statement = Elide(statements[n]);
            var first = Regex.Match(statement, @"^[A-Za-z_][A-Za-z0-9_]*").Value;
            string body;
            if (statement.StartsWith('.'))
            {
                body = receiver is null
                    ? throw new FormatException($"a statement starts with '.': name what it continues (fragment {string.Join("|", Receivers)}): {statement}")
                    : Templates[receiver].Replace("$", receiver + statement + "\n", StringComparison.Ordinal) + (ignition ? ".WithIgnition()" : "");
            }
            else
            {
                body = Templates.TryGetValue(first, out var template)
                    ? template.Replace("$", statement + "\n", StringComparison.Ordinal) + (ignition ? ".WithIgnition()" : "")
                    : statement + "\n";
            }

            text.Append("    public static void Statement").Append(n).Append("()\n    {\n").Append(body).Append(";\n    }\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// Statements: a line without indentation starts one, except that <c>.Call(...)</c> lines continue a statement
    /// that starts with <c>.</c>; comment lines are dropped, and a final ';'.
    /// </summary>
    private static IEnumerable<string> Statements(string code)
    {
        var current = new List<string>();
        foreach (var line in code.Split('\n'))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            // A line without indentation starts a statement, unless it continues a chain that starts with '.'.
            var continuesChain = line[0] == '.' && current.Count > 0 && current[0][0] == '.';
            if (!char.IsWhiteSpace(line[0]) && current.Count > 0 && !continuesChain)
            {
                yield return Finish(current);
                current.Clear();
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            yield return Finish(current);
        }

        static string Finish(List<string> lines)
        {
            var text = string.Join("\n", lines).TrimEnd();
            return text.EndsWith(';') ? text[..^1] : text;
        }
    }

    /// <summary><c>=&gt; ...</c> is an empty lambda body, <c> ...)</c> nothing.</summary>
    private static string Elide(string statement) =>
        statement.Replace("=> ...", "=> { }", StringComparison.Ordinal).Replace(" ...)", ")", StringComparison.Ordinal);

    [GeneratedRegex(@"^using (static )?[A-Za-z0-9_.]+;\s*(//.*)?$")]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"^\s*//\s*fixed\b", RegexOptions.IgnoreCase)]
    private static partial Regex FixedLine();
}
