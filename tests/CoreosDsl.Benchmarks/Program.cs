using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/CoreosDsl.Benchmarks -- --filter '*'
// dotnet run -c Release --project tests/CoreosDsl.Benchmarks -- analyzer-overhead [ROUNDS]: interleaved measurement
if (args is ["analyzer-overhead", ..])
{
    CoreosDsl.Benchmarks.AnalyzerBenchmarks.MeasureOverhead(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
internal sealed partial class Program;
