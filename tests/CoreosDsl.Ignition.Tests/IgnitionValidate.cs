using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Ignition.Tests;

/// <summary>The upstream validator (Debian package <c>ignition</c>, Ignition 2.14) as an oracle.</summary>
public static class IgnitionValidate
{
    /// <summary>Runs ignition-validate on <paramref name="json"/>; returns its exit code and output.</summary>
    public static ToolResult Run(string json)
    {
        var dir = TestPaths.NewScratchDirectory("ignition-validate");
        try
        {
            var file = Path.Combine(dir, "config.ign");
            File.WriteAllText(file, json);
            return ExternalTool.Run("ignition-validate", [file]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Fails unless ignition-validate accepts <paramref name="json"/> with no error and no warning.</summary>
    public static void AssertClean(string json)
    {
        var result = Run(json);
        Assert.True(result.ExitCode == 0 && result.Output.Trim().Length == 0,
            $"ignition-validate exited {result.ExitCode}:\n{result.Output}\nfor\n{json}");
    }
}
