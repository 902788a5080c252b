using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// A worker definition that throws (a value computed at run time that the builders refuse, a bad worker name, the
/// code that makes the workers failing) is reported with its place and exit code 65, and never stops --help.
/// </summary>
public class DefinitionErrorTests
{
    /// <summary>A definitions project whose timer's hour is computed at run time (the analyzers cannot see it).</summary>
    private static readonly Lazy<System.Reflection.Assembly> Project = new(() => GeneratedCode.Compile([
        """
        using CoreosDsl;
        using CoreosDsl.CloudConfig;
        using CoreosDsl.Systemd;

        namespace Defs;

        public static class Nightly
        {
            public static WorkerDefinition Define(int hour) => Worker.Define("web-1", w => w
                .Coreos(c => c.Units(units => units
                    .Timer("nightly.timer", UnitCommand.Start, t => t.Timer(x => x.OnCalendar($"*-*-* {hour}:00"))))));
        }
        """]));

    private static WorkerDefinition Nightly(int hour)
    {
        try
        {
            return (WorkerDefinition)Project.Value.GetType("Defs.Nightly", throwOnError: true)!.GetMethod("Define")!.Invoke(null, [hour])!;
        }
        catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    [Fact]
    public void ARefusedValueNamesWorkerUnitDirectiveAndRule()
    {
        Assert.Equal("web-1", Nightly(5).Name);
        var (exit, output, error) = Run(["build", "--out", TestPaths.NewScratchDirectory("definition")], () => [Nightly(25)]);

        Assert.Equal(WorkerHost.DefinitionError, exit);
        Assert.Equal(65, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: worker \"web-1\": nightly.timer: [Timer] OnCalendar=: ", error, StringComparison.Ordinal);
        Assert.Contains("25", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        var e = Assert.Throws<WorkerDefinitionException>(() => Nightly(25));
        Assert.Equal("web-1", e.Worker);
        Assert.Equal("nightly.timer", e.Unit);
        Assert.Equal("Timer", e.Section);
        Assert.Equal("OnCalendar", e.Directive);
        Assert.Null(e.Source); // compiled in memory without symbols: no line to show
    }

    [Fact]
    public void ABadWorkerNameIsADefinitionError()
    {
        var (exit, _, error) = Run(["validate"], () => [Worker.Define("Web_01", _ => { })]);
        Assert.Equal(65, exit);
        Assert.StartsWith("error: worker \"Web_01\": not a valid worker name: use 1 to 63 letters, digits and '-'", error, StringComparison.Ordinal);
        Assert.Contains("DefinitionErrorTests.cs:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AFailureOutsideAnyWorkerIsADefinitionErrorToo()
    {
        var (exit, _, error) = Run(["build"], () => throw new FileNotFoundException("inventory.txt: no such file"));
        Assert.Equal(65, exit);
        Assert.StartsWith("error: defining the workers: FileNotFoundException: inventory.txt: no such file (at ", error, StringComparison.Ordinal);
        Assert.Contains("DefinitionErrorTests.cs:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("build --help")]
    [InlineData("image usb --help")]
    public void HelpWorksWhateverTheDefinitionDoes(string arguments)
    {
        var (exit, output, error) = Run(arguments.Split(' '), () => [Nightly(25)]);
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public void UsageErrorsComeBeforeTheDefinition()
    {
        var (exit, _, error) = Run(["build", "--colour"], () => [Nightly(25)]);
        Assert.Equal(2, exit);
        Assert.DoesNotContain("web-1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoWorkersWithOneNameAreAUsageError()
    {
        var (exit, _, error) = Run(["build"], () => [Worker.Define("a", _ => { }), Worker.Define("a", _ => { })]);
        Assert.Equal(2, exit);
        Assert.Equal("error: two workers are named \"a\"; worker names must be unique (they name output folders and URLs)\n", error);
    }

    [Fact]
    public void TheMethodGroupFormsCompile()
    {
        // What the examples' Program.cs write; both overloads must stay unambiguous for these.
        Func<string[], int> one = args => WorkerHost.Run(args, LocalWorkers.LocalWorker.Define);
        Func<string[], int> many = args => WorkerHost.Run(args, Fleet.FleetWorkers.All);
        Assert.NotNull(one);
        Assert.NotNull(many);
    }

    private static (int Exit, string Output, string Error) Run(string[] args, Func<IEnumerable<WorkerDefinition>> define)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = WorkerHost.Run(args, define, new HostConsole(output, error, new StringReader(""), interactive: false, inputInteractive: false));
        return (exit, output.ToString(), error.ToString());
    }
}
