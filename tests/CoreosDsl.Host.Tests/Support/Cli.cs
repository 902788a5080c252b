using System.Diagnostics;
using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>The example definitions projects, run as a user runs them: <c>dotnet Example.dll ARGS</c> in a folder of their own.</summary>
public static class Cli
{
    /// <summary>The build configuration of these tests, which the examples were built with too.</summary>
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>examples/Fleet's dll (three workers).</summary>
    public static string Fleet => Example("Fleet");

    /// <summary>examples/LocalWorkers's dll (the seed's worker).</summary>
    public static string LocalWorkers => Example("LocalWorkers");

    /// <summary>What every run gets: plain output, no site values leaking in from the machine.</summary>
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["COREOSDSL_CONSOLE"] = "plain",
        ["FLEET_SSH_KEYS"] = "",
        ["FLEET_CONFIG_SERVER"] = "",
        ["COREOSDSL_SSH_KEYS"] = "",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>Runs <paramref name="dll"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits.</summary>
    public static ToolResult Run(string dll, string workingDirectory, params string[] arguments) =>
        Run(dll, workingDirectory, null, arguments);

    /// <summary>Runs with extra environment variables.</summary>
    public static ToolResult Run(string dll, string workingDirectory, IDictionary<string, string>? environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string>(Environment);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            variables[k] = v;
        }

        return ExternalTool.Run("dotnet", [dll, .. arguments], TimeSpan.FromMinutes(3), workingDirectory, standardInput: "", environment: variables);
    }

    /// <summary>Starts <paramref name="dll"/> without waiting, with its standard output readable line by line.</summary>
    public static Process Start(string dll, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (k, v) in Environment)
        {
            start.Environment[k] = v;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    private static string Example(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "examples", name, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: the test project builds the examples first", path);
    }
}
