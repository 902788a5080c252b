using System.Text.Json.Nodes;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>Help, usage errors and exit codes of every command, through the process boundary.</summary>
public class CommandLineTests
{
    private readonly string folder = TestPaths.NewScratchDirectory("cli");

    [Fact]
    public void HelpListsEveryCommand()
    {
        var result = Cli.Run(Cli.Fleet, folder, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "build", "validate", "image", "serve", "flash", "import", "diff" })
        {
            Assert.Contains("  " + command, result.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Contains("Exit codes: 0 success, 1 problems found (validate, diff, flash), 2 bad usage or input, 65 a worker definition failed, 70 a bug in CoreosDsl, 130 interrupted.",
            result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "--out")]
    [InlineData("validate", "--strict")]
    [InlineData("image iso", "--stock")]
    [InlineData("image usb", "--size")]
    [InlineData("serve", "--urls")]
    [InlineData("flash", "--device")]
    [InlineData("import", "--namespace")]
    [InlineData("diff", "--worker")]
    public void EveryCommandHasHelp(string command, string option)
    {
        var result = Cli.Run(Cli.Fleet, folder, [.. command.Split(' '), "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(option, result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("--system-root", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown option", "build --colour")]
    [InlineData("unknown command", "deploy")]
    [InlineData("missing required option", "image iso")]
    [InlineData("bad size", "image usb --stock x.iso --size 12X")]
    [InlineData("size not in MiB", "image usb --stock x.iso --size 1000K")]
    [InlineData("exclusive options", "image usb --stock x.iso --config-drive --config-url http://h/c.yml")]
    [InlineData("not a URL", "image iso --stock x.iso --config-url notaurl")]
    [InlineData("https server", "serve --urls https://127.0.0.1:0")]
    [InlineData("no kind of image", "image")]
    [InlineData("a file and workers", "validate deployed.yml --worker worker-1")]
    public void UsageErrorsExitWith2AndSayWhat(string because, string arguments)
    {
        var result = Cli.Run(Cli.Fleet, folder, arguments.Split(' '));
        Assert.True(result.ExitCode == 2, $"{because}: exit {result.ExitCode}\n{result.Output}");
        Assert.StartsWith("error: ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void ImageWithoutAKindNamesBoth()
    {
        var result = Cli.Run(Cli.Fleet, folder, "image");
        Assert.Equal("error: which image? 'image iso --stock STOCK.iso' (a remastered ISO) or 'image usb --stock STOCK.iso' (a USB disk image); see 'image iso --help'\n",
            result.StandardError);
    }

    [Fact]
    public void AnUnknownWorkerNamesTheWorkersThereAre()
    {
        var result = Cli.Run(Cli.Fleet, folder, "build", "--worker", "worker-9");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no worker named \"worker-9\"; this project defines worker-1, worker-2, worker-3\n", result.StandardError);
    }

    [Fact]
    public void DiffOfAFleetNeedsAWorker()
    {
        File.WriteAllText(Path.Combine(folder, "deployed.yml"), "#cloud-config\nhostname: x\n");
        var result = Cli.Run(Cli.Fleet, folder, "diff", "deployed.yml");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose one with --worker NAME", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "missing.yml")]
    [InlineData("diff", "missing.yml")]
    [InlineData("import", "missing.yml")]
    public void AMissingInputFileExitsWith2(string command, string file)
    {
        var result = Cli.Run(Cli.LocalWorkers, folder, command, file);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: missing.yml: no such file\n", result.StandardError);
    }

    [Fact]
    public void InteractiveConsolesGetTables()
    {
        var result = Cli.Run(Cli.Fleet, folder, new Dictionary<string, string> { ["COREOSDSL_CONSOLE"] = "interactive", ["NO_COLOR"] = "1" }, "build", "--out", "o");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Worker", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("│", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("worker-3", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "o", "worker-3", "cloud-config.yml")));
    }

    [Fact]
    public void JsonOutputIsOneDocument()
    {
        foreach (var arguments in new[] { new[] { "build", "--json" }, ["validate", "--json"], ["image", "iso", "--stock", "missing.iso", "--json"] })
        {
            var result = Cli.Run(Cli.Fleet, folder, arguments);
            if (result.ExitCode == 0)
            {
                Assert.NotNull(JsonNode.Parse(result.StandardOutput));
            }
            else
            {
                Assert.Equal("", result.StandardOutput);
            }
        }
    }
}
