using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;

namespace CoreosDsl.Analyzers.Tests;

/// <summary><c>dotnet run -- validate</c> reports the runtime twin's findings with the cloud-config validator's.</summary>
[Collection(ConsoleOutput.Collection)] // it redirects Console.Out
public class ValidateCommandTests
{
    [Fact]
    public void TheValidateCommandReportsTheRulesOnTheBuiltWorker()
    {
        var database = string.Concat("db", ".service"); // computed at run time: no analyzer sees it
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u => u
            .Raw("app.service", $"[Unit]\nRequires={database}\n[Service]\nExecStart=/usr/bin/app\n", UnitCommand.Start))));

        var output = new StringWriter();
        var previous = Console.Out;
        int exitCode;
        try
        {
            Console.SetOut(output);
            exitCode = CoreosDsl.Host.WorkerHost.Run(["validate"], worker);
        }
        finally
        {
            Console.SetOut(previous);
        }

        Assert.Equal(CoreosDsl.Host.WorkerHost.Problems, exitCode);
        Assert.Contains(
            "worker: error CDSL225: app.service [Unit] Requires=: 'app.service' is started (command: start) but its Requires= names 'db.service'",
            output.ToString(), StringComparison.Ordinal);
    }
}
