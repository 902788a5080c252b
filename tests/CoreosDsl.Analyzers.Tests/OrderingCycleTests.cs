using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// CDSL230: ordering cycles across a worker's units, their default and implicit dependencies and the special targets.
/// Each case is proven against <c>systemd-analyze verify</c>: its units are written to a directory with a probe
/// target that wants them and <c>multi-user.target</c> (what boot starts), and systemd's verdict ("Found ordering
/// cycle") must be ours.
/// </summary>
public class OrderingCycleTests
{
    private const string Format = "[Unit]\nDescription=Formats the ephemeral drive\n{0}\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/sbin/wipefs -f /dev/sda\n";
    private const string DockerMount = "[Mount]\nWhat=LABEL=DOCKER\nWhere=/var/lib/docker\nType=btrfs\n";
    private const string App = "[Service]\nExecStart=/usr/bin/app\n";

    /// <summary>Name, expected verdict, and the units (file name → content; <c>NAME.d/FILE.conf</c> is a drop-in).</summary>
    public static TheoryData<string, bool, Dictionary<string, string>> Cases => new()
    {
        {
            "the seed: a service with default dependencies ordered before the mount it formats",
            true,
            new() { ["format-ephemeral.service"] = string.Format(Format, "Before=var-lib-docker.mount"), ["var-lib-docker.mount"] = DockerMount }
        },
        {
            "the same service out of the default ordering, ordered explicitly",
            false,
            new()
            {
                ["format-ephemeral.service"] = string.Format(Format, "DefaultDependencies=no\nRequires=dev-sda.device\nAfter=dev-sda.device local-fs-pre.target\nBefore=var-lib-docker.mount"),
                ["var-lib-docker.mount"] = DockerMount,
            }
        },
        {
            "the mount ordered after the formatting service (the other way round, same cycle)",
            true,
            new() { ["format-ephemeral.service"] = string.Format(Format, ""), ["var-lib-docker.mount"] = "[Unit]\nRequires=format-ephemeral.service\nAfter=format-ephemeral.service\n" + DockerMount }
        },
        {
            "a nofail mount is not before local-fs.target",
            false,
            new() { ["format-ephemeral.service"] = string.Format(Format, "Before=var-lib-docker.mount"), ["var-lib-docker.mount"] = DockerMount + "Options=nofail\n" }
        },
        {
            "a network mount is before remote-fs.target, not local-fs.target",
            false,
            new() { ["format-ephemeral.service"] = string.Format(Format, "Before=srv-data.mount"), ["srv-data.mount"] = "[Mount]\nWhat=nas:/export\nWhere=/srv/data\nType=nfs\n" }
        },
        {
            "a service after a mount (the common order)",
            false,
            new() { ["app.service"] = "[Unit]\nAfter=var-lib-docker.mount\nRequires=var-lib-docker.mount\n" + App, ["var-lib-docker.mount"] = DockerMount }
        },
        {
            "a service before basic.target",
            true,
            new() { ["early.service"] = "[Unit]\nBefore=basic.target\n" + App }
        },
        {
            "an early-boot service before basic.target without default dependencies",
            false,
            new() { ["early.service"] = "[Unit]\nDefaultDependencies=no\nBefore=basic.target\n" + App }
        },
        {
            "two services after each other",
            true,
            new() { ["a.service"] = "[Unit]\nAfter=b.service\n" + App, ["b.service"] = "[Unit]\nAfter=a.service\n" + App }
        },
        {
            "a timer after timers.target",
            true,
            new() { ["report.timer"] = "[Unit]\nAfter=timers.target\n[Timer]\nOnCalendar=daily\n", ["report.service"] = "[Service]\nType=oneshot\nExecStart=/usr/bin/report\n" }
        },
        {
            "a socket after sockets.target",
            true,
            new() { ["web.socket"] = "[Unit]\nAfter=sockets.target\n[Socket]\nListenStream=8080\n", ["web.service"] = App }
        },
        {
            "a path unit before sysinit.target",
            true,
            new() { ["inbox.path"] = "[Unit]\nBefore=sysinit.target\n[Path]\nPathChanged=/srv/inbox\n", ["inbox.service"] = "[Service]\nType=oneshot\nExecStart=/usr/bin/process\n" }
        },
        {
            "a service the timer activates, ordered before the timer",
            true,
            new() { ["report.timer"] = "[Timer]\nOnCalendar=daily\n", ["report.service"] = "[Unit]\nBefore=report.timer\n[Service]\nType=oneshot\nExecStart=/usr/bin/report\n" }
        },
        {
            "a calendar timer is after time-sync.target, when something pulls that in",
            true,
            new()
            {
                ["report.timer"] = "[Timer]\nOnCalendar=daily\n",
                ["report.service"] = "[Service]\nType=oneshot\nExecStart=/usr/bin/report\n",
                ["clock.service"] = "[Unit]\nDefaultDependencies=no\nWants=time-sync.target\nAfter=report.timer\nBefore=time-sync.target\n[Service]\nType=oneshot\nExecStart=/usr/bin/clock\n",
            }
        },
        {
            "a passive target that nothing pulls in orders nothing",
            false,
            new()
            {
                ["report.timer"] = "[Timer]\nOnCalendar=daily\n",
                ["report.service"] = "[Service]\nType=oneshot\nExecStart=/usr/bin/report\n",
                ["clock.service"] = "[Unit]\nDefaultDependencies=no\nAfter=report.timer\nBefore=time-sync.target\n[Service]\nType=oneshot\nExecStart=/usr/bin/clock\n",
            }
        },
        {
            "a network mount wants network-online.target and is after it",
            true,
            new()
            {
                ["srv-data.mount"] = "[Mount]\nWhat=nas:/export\nWhere=/srv/data\nType=nfs\n",
                ["online.service"] = "[Unit]\nDefaultDependencies=no\nAfter=srv-data.mount\nBefore=network-online.target\n[Service]\nType=oneshot\nExecStart=/usr/bin/online\n",
            }
        },
        {
            "a mount ordered before the mount it is beneath",
            true,
            new() { ["srv.mount"] = "[Unit]\nAfter=srv-data.mount\n[Mount]\nWhat=LABEL=SRV\nWhere=/srv\n", ["srv-data.mount"] = "[Mount]\nWhat=LABEL=DATA\nWhere=/srv/data\n" }
        },
        {
            "a service before an automount (which is before local-fs.target)",
            true,
            new()
            {
                ["prepare.service"] = "[Unit]\nBefore=srv-data.automount\n[Service]\nType=oneshot\nExecStart=/usr/bin/prepare\n",
                ["srv-data.automount"] = "[Automount]\nWhere=/srv/data\n",
                ["srv-data.mount"] = "[Mount]\nWhat=LABEL=DATA\nWhere=/srv/data\n",
            }
        },
        {
            "a drop-in that orders its service before sysinit.target",
            true,
            new() { ["app.service"] = App, ["app.service.d/10-early.conf"] = "[Unit]\nBefore=sysinit.target\n" }
        },
        {
            "RequiresMountsFor= orders a service after the mount",
            true,
            new()
            {
                ["setup.service"] = "[Unit]\nDefaultDependencies=no\nRequiresMountsFor=/srv/data/app\nBefore=srv-data.mount\n[Service]\nType=oneshot\nExecStart=/usr/bin/setup\n",
                ["srv-data.mount"] = "[Mount]\nWhat=LABEL=DATA\nWhere=/srv/data\n",
            }
        },
    };

    /// <summary>Each case's verdict (as systemd-analyze gives it, <see cref="OursIsSystemdsVerdict"/>) is ours too, without the oracle.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void OursIsTheRecordedVerdict(string name, bool cycle, Dictionary<string, string> units)
    {
        var findings = Findings(units);
        Assert.True(findings.Count == (cycle ? 1 : 0), $"{name}: CDSL230 findings:\n  {string.Join("\n  ", findings.Select(f => f.Message))}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Category", "Oracle")]
    public void OursIsSystemdsVerdict(string name, bool cycle, Dictionary<string, string> units)
    {
        var verify = Verify(units);
        Assert.True(verify.Contains("Found ordering cycle", StringComparison.Ordinal) == cycle,
            $"{name}: systemd-analyze verify {(cycle ? "found no" : "found an")} ordering cycle:\n{verify}");

        var findings = Findings(units);
        Assert.True(findings.Count == (cycle ? 1 : 0), $"{name}: CDSL230 findings:\n  {string.Join("\n  ", findings.Select(f => f.Message))}");
    }

    [Fact]
    public void TheCycleIsSpelledOutAtTheOrderingThatCloses()
    {
        var finding = Assert.Single(Findings(new() { ["format-ephemeral.service"] = string.Format(Format, "Before=var-lib-docker.mount"), ["var-lib-docker.mount"] = DockerMount }));
        Assert.Equal("format-ephemeral.service [Unit] Before=", finding.Where);
        Assert.Equal(WorkerDiagnosticSeverity.Warning, finding.Severity);
        Assert.Equal(
            "ordering cycle: format-ephemeral.service → var-lib-docker.mount (Before= of format-ephemeral.service) → local-fs.target " +
            "(default dependencies of var-lib-docker.mount) → sysinit.target (ordering of sysinit.target) → format-ephemeral.service " +
            "(default dependencies of format-ephemeral.service); systemd finds it at boot (\"Found ordering cycle\") and breaks it by leaving out a " +
            "start job, so a unit of the cycle may not start; set DefaultDependencies=no in [Unit] of format-ephemeral.service and order it " +
            "explicitly (as early-boot units do), or remove one of these orderings",
            finding.Message);
    }

    [Fact]
    public void TheAnalyzerFindsItInTypedUnitsAtTheOrderingThatCloses()
    {
        const string units = """
            units
                .Service("format-ephemeral.service", UnitCommand.Start, s => s
                    .Unit(u => u.Description("Formats the ephemeral drive").Before({|CDSL230:"var-lib-docker.mount"|}))
                    .Service(x => x.Type(ServiceType.Oneshot).RemainAfterExit(true).ExecStart("/usr/sbin/wipefs -f /dev/sda")))
                .Mount("var-lib-docker.mount", UnitCommand.Start, m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Type("btrfs")))
            """;
        var compiled = AnalyzerHarness.Verify(Snippets.Units(units));
        Assert.Equal(
            Assert.Single(compiled.AnalyzerDiagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            Assert.Single(SnippetRunner.Define(compiled).Validate(), d => d.Id == "CDSL230").Message);

        AnalyzerHarness.Verify(Snippets.Units(units
            .Replace("{|CDSL230:\"var-lib-docker.mount\"|}", "\"var-lib-docker.mount\"", StringComparison.Ordinal)
            .Replace(".Description(\"Formats the ephemeral drive\")", ".Description(\"Formats the ephemeral drive\").DefaultDependencies(false).After(\"local-fs-pre.target\")", StringComparison.Ordinal)));
    }

    [Fact]
    public void AValueNotKnownAddsNoOrdering()
    {
        // Options computed at run time may say nofail; the analyzer does not guess.
        AnalyzerHarness.Verify(Snippets.Units("""
            units
                .Service("format-ephemeral.service", s => s
                    .Unit(u => u.Before("var-lib-docker.mount"))
                    .Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/sbin/wipefs -f /dev/sda")))
                .Mount("var-lib-docker.mount", m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Options(System.Environment.GetEnvironmentVariable("OPTS") ?? "nofail")))
            """));
    }

    /// <summary>The CDSL230 findings of Validate() for a worker with these units (drop-ins as entries of their own).</summary>
    private static List<WorkerDiagnostic> Findings(Dictionary<string, string> units)
    {
        var worker = Worker.Define("worker", w => w.Coreos(c => c.Units(u =>
        {
            foreach (var (file, content) in units)
            {
                var slash = file.IndexOf('/', StringComparison.Ordinal);
                if (slash < 0)
                {
                    u.Raw(file, content, UnitCommand.Start);
                }
                else
                {
                    var unit = file[..(slash - ".d".Length)];
                    u.Add(e => e.Name(unit).DropIns(d => d.Add(x => x.Name(file[(slash + 1)..]).Content(content))));
                }
            }
        })));
        return [.. worker.Validate().Where(d => d.Id == "CDSL230")];
    }

    /// <summary>systemd-analyze verify's output for these units and a probe target that wants them with multi-user.target.</summary>
    private static string Verify(Dictionary<string, string> units)
    {
        var started = units.Keys.Where(k => !k.Contains('/', StringComparison.Ordinal)).ToList();
        var probe = $"[Unit]\nDescription=What boot starts\nWants=multi-user.target {string.Join(' ', started)}\n";
        var result = SystemdVerify.Run(new Dictionary<string, string>(units) { ["cycle-probe.target"] = probe });
        return result.Result.Output;
    }
}
