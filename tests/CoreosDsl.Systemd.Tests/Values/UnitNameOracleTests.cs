using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Unit-name escaping against <c>systemd-escape</c> and <c>systemd-escape --path</c>, and path-derived unit names
/// against <c>systemd-analyze verify</c> (a mount unit must be named after its <c>Where=</c>).
/// </summary>
[Trait("Category", "Oracle")]
public class UnitNameOracleTests
{
    /// <summary>Text from every corner: ASCII, the characters systemd escapes, the rest of Unicode including astral planes.</summary>
    private static readonly Gen<string> AnyText = Gen.Frequency(
            (4, (IGen<string>)Gen.Char[' ', '~'].Select(c => c.ToString())),
            (2, Gen.Char["./-\\@:_ \t\n\u007f\u0001"].Select(c => c.ToString())),
            (1, Gen.Int[0x80, 0x10FFFF].Where(cp => cp is < 0xD800 or > 0xDFFF).Select(char.ConvertFromUtf32)))
        .Array[0, 16].Select(parts => string.Concat(parts));

    /// <summary>A path of random components (some "." and empty ones), absolute or relative.</summary>
    private static readonly Gen<string> AnyPath = Gen.Select(
        Gen.Bool,
        Gen.Frequency(
            (6, (IGen<string>)AnyText.Where(t => !t.Contains('/', StringComparison.Ordinal) && t != ".." && t.Length > 0)),
            (1, Gen.Const(".")),
            (1, Gen.Const(""))).Array[0, 6],
        Gen.Bool,
        (absolute, components, trailingSlash) => (absolute ? "/" : "") + string.Join('/', components) + (trailingSlash ? "/" : ""))
        .Where(p => p.Split('/').Any(c => c.Length > 0 && c != ".") || p.StartsWith('/') || p.Length == 0);

    private static IReadOnlyList<string> SystemdEscape(IReadOnlyList<string> inputs, bool path)
    {
        string[] arguments = path ? ["--path", "--", .. inputs] : ["--", .. inputs];
        var result = ExternalTool.Run("systemd-escape", arguments).EnsureSuccess();
        var output = result.StandardOutput.TrimEnd('\n').Split(' ');
        Assert.Equal(inputs.Count, output.Length);
        return output;
    }

    [Fact]
    public void EscapeAgreesWithSystemdEscape()
    {
        string[] fixedInputs = ["", "a", "foo bar", "-x", ".hidden", "..", "a.b", "/var/lib/my-app", "back\\slash", "a@b:c_d", "\u00e9",
            "\u4e2d\u6587", "\U0001F389", "tab\there", "new\nline", "~!#$%^&*()+={}[]|;'\"<>,?`"];
        AnyText.Array[200].Sample(batch =>
        {
            string[] inputs = [.. fixedInputs, .. batch];
            var expected = SystemdEscape(inputs, path: false);
            for (var i = 0; i < inputs.Length; i++)
            {
                Assert.True(expected[i] == UnitName.Escape(inputs[i]), $"{Show(inputs[i])}: systemd-escape gives {expected[i]}, we give {UnitName.Escape(inputs[i])}");

                // An escaped non-empty text is always a valid prefix.
                if (inputs[i].Length > 0 && expected[i].Length <= 200)
                {
                    Assert.True(UnitName.TryParse(expected[i] + ".service", out _, out var error), error);
                }
            }
        }, iter: 3, threads: 1);
    }

    [Fact]
    public void EscapePathAgreesWithSystemdEscapePath()
    {
        string[] fixedInputs = ["/", "", "//", "/./", "/var/lib/docker", "/var/lib/my-app", "var/lib", "//a//b/./c/", "/.dotdir", "/a/.b/c.",
            "/media/USB Stick", "/\u00e9t\u00e9", "./x", "/x/."];
        AnyPath.Array[150].Sample(batch =>
        {
            string[] inputs = [.. fixedInputs, .. batch];
            var expected = SystemdEscape(inputs, path: true);
            for (var i = 0; i < inputs.Length; i++)
            {
                Assert.True(expected[i] == UnitName.EscapePath(inputs[i]), $"{Show(inputs[i])}: systemd-escape --path gives {expected[i]}, we give {UnitName.EscapePath(inputs[i])}");
            }
        }, iter: 3, threads: 1);
    }

    [Theory]
    [InlineData("/a/../b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("/x/..")]
    public void PathsSystemdEscapeRefusesAreRefused(string path)
    {
        var result = ExternalTool.Run("systemd-escape", ["--path", "--", path]);
        Assert.NotEqual(0, result.ExitCode);
        var e = Assert.Throws<ArgumentException>(() => UnitName.EscapePath(path));
        Assert.Contains(ValueTextQuote(path), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MountUnitsNamedFromPathsAreAcceptedBySystemdIncludingHashedLongNames()
    {
        string[] wheres =
        [
            "/var/lib/docker", "/media/USB Stick", "/srv/my-app/data", "/.snapshots", "/mnt/\u00e9t\u00e9",
            "/" + string.Join('/', Enumerable.Range(0, 30).Select(i => $"dir-{i}")), // long: systemd shortens the name with a hash
            "/" + new string('x', 250) + "/" + new string('y', 100),
        ];
        var units = new Dictionary<string, string>();
        foreach (var where in wheres)
        {
            var name = UnitName.FromPath(where, UnitType.Mount);
            Assert.True(Encoding.UTF8.GetByteCount(name.Value) <= UnitName.MaxLength);
            units[name.Value] = $"[Mount]\nWhat=tmpfs\nWhere={where}\nType=tmpfs\n";
        }

        // A control: a mount unit whose name does not match its Where= is refused.
        units["wrong-name.mount"] = "[Mount]\nWhat=tmpfs\nWhere=/somewhere/else\nType=tmpfs\n";

        var verify = SystemdVerify.Run(units);
        foreach (var name in units.Keys)
        {
            var mismatch = verify.Result.StandardError.Split('\n')
                .Any(l => l.StartsWith(name + ":", StringComparison.Ordinal) && l.Contains("doesn't match unit name", StringComparison.Ordinal));
            Assert.True(mismatch == (name == "wrong-name.mount"), $"{name}: {verify.Result.StandardError}");
        }
    }

    private static string ValueTextQuote(string s) => "\"" + s + "\"";

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
