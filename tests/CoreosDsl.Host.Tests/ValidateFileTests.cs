using System.IO.Compression;
using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary><c>validate FILE</c> reads bytes, as coreos-cloudinit does, through the process boundary.</summary>
public class ValidateFileTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("validate-file");

    [Fact]
    public void GzippedUserDataIsUnpacked()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write("#cloud-config\nhostname: web\n"u8);
        }

        File.WriteAllBytes(Path.Combine(folder, "user-data.gz"), output.ToArray());

        var result = Cli.Run(Cli.Fleet, folder, "validate", "user-data.gz");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("user-data.gz: ok\n", result.StandardOutput);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, "control characters are not allowed: U+0000 (NUL)")]
    [InlineData(new byte[] { 0x7F }, "control characters are not allowed: U+007F (DEL)")]
    [InlineData(new byte[] { 0xC0, 0xAF }, "invalid length of a UTF-8 sequence")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "invalid Unicode character")]
    [InlineData(new byte[] { 0xFF }, "invalid leading UTF-8 octet")]
    public void BytesCoreosCloudinitRefusesAreLocatedErrors(byte[] bad, string message)
    {
        File.WriteAllBytes(Path.Combine(folder, "bad.yml"), [.. "#cloud-config\nhostname: web"u8, .. bad, .. "\n"u8]);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "bad.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"error[yaml_characters]: {message}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--> bad.yml:2:14\n", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AByteOrderMarkFailsTheHeader()
    {
        File.WriteAllBytes(Path.Combine(folder, "bom.yml"), [0xEF, 0xBB, 0xBF, .. "#cloud-config\nhostname: web\n"u8]);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "bom.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("UTF-8 byte order mark", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasBombIsALocatedErrorNotAnOutOfMemory()
    {
        var bomb = new StringBuilder("#cloud-config\na: &a [").Append(string.Join(",", Enumerable.Repeat("\"lol\"", 9))).Append("]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            bomb.Append($"{level}: &{level} [").Append(string.Join(",", Enumerable.Repeat($"*{(char)(level - 1)}", 9))).Append("]\n");
        }

        File.WriteAllText(Path.Combine(folder, "bomb.yml"), bomb.ToString());
        File.WriteAllText(Path.Combine(folder, "deep.yml"), "#cloud-config\na: " + new string('[', 100_000) + "\n");

        var aliases = Cli.Run(Cli.Fleet, folder, "validate", "bomb.yml");
        var deep = Cli.Run(Cli.Fleet, folder, "validate", "deep.yml");

        Assert.Equal(1, aliases.ExitCode);
        Assert.Contains("document contains excessive aliasing", aliases.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(1, deep.ExitCode);
        Assert.Contains("--> deep.yml:2:", deep.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("exceeded max depth of 1000", deep.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ATabIsReportedWhereItIs()
    {
        File.WriteAllText(Path.Combine(folder, "tab.yml"), "#cloud-config\ncoreos:\n  units:\n  - name: a.service\n\t  command: start\n");

        var result = Cli.Run(Cli.Fleet, folder, "validate", "tab.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--> tab.yml:5:1\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("5 | \u2192  command: start\n  | ^\n", result.StandardOutput, StringComparison.Ordinal);
    }
}
