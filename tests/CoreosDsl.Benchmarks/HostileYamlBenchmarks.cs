using System.Text;
using BenchmarkDotNet.Attributes;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.Benchmarks;

/// <summary>
/// Validating hostile user-data: a 368-byte alias bomb and 100,000 nested <c>[</c>.
/// Targets: each under 100 ms and under 100 MB allocated (both end in a located error).
/// </summary>
[MemoryDiagnoser]
public class HostileYamlBenchmarks
{
    private byte[] aliasBomb = [];
    private byte[] deepNesting = [];

    [GlobalSetup]
    public void Setup()
    {
        var bomb = new StringBuilder("#cloud-config\na: &a [").Append(string.Join(",", Enumerable.Repeat("\"lol\"", 9))).Append("]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            bomb.Append($"{level}: &{level} [").Append(string.Join(",", Enumerable.Repeat($"*{(char)(level - 1)}", 9))).Append("]\n");
        }

        aliasBomb = Encoding.UTF8.GetBytes(bomb.Append("hostname: x\n").ToString());
        deepNesting = Encoding.UTF8.GetBytes("#cloud-config\na: " + new string('[', 100_000) + "\n");
    }

    /// <summary>Nine levels of nine aliases.</summary>
    [Benchmark]
    public ValidationReport AliasBomb() => CloudConfigValidator.Validate(aliasBomb, CloudConfigDialect.Flatcar);

    /// <summary>100,000 nested flow sequences.</summary>
    [Benchmark]
    public ValidationReport DeepNesting() => CloudConfigValidator.Validate(deepNesting, CloudConfigDialect.Flatcar);
}
