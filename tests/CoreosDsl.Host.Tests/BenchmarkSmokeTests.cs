using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// The analyzer-overhead benchmark runs one round, so that it cannot go stale unnoticed: its setup compiles the seed
/// example as a project using the packages compiles it and insists on the example's six warnings. (It broke once
/// when the builders moved into CoreosDsl.Systemd and nothing ran it.) The timings are not asserted: performance
/// targets live in the benchmark, not in a test.
/// </summary>
public class BenchmarkSmokeTests
{
    [Fact]
    public void TheAnalyzerOverheadBenchmarkRunsOneRound()
    {
        var project = Path.Combine(TestPaths.RepoRoot, "tests", "CoreosDsl.Benchmarks", "CoreosDsl.Benchmarks.csproj");

        var result = ExternalTool.Run("dotnet", ["run", "--project", project, "--", "analyzer-overhead", "1"], TimeSpan.FromMinutes(5), TestPaths.RepoRoot);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("1 rounds, medians (wall / CPU):", result.Output, StringComparison.Ordinal);
        Assert.Contains("CoreosDsl analyzers on top of the SDK's: wall ", result.Output, StringComparison.Ordinal);
    }
}
