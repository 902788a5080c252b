using System.Text.RegularExpressions;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Systemd.Tests.Builders;

/// <summary>The generated unit builders and the unit-file writer, checked against systemd-analyze where it helps.</summary>
public class UnitBuilderTests
{
    [Fact]
    public void SectionsAreWrittenInTheUnitTypesOrderWhateverTheCallOrder()
    {
        var unit = Units.Service("app.service", s => s
            .Install(i => i.WantedBy("multi-user.target"))
            .Service(x => x.ExecStart("/usr/bin/app"))
            .Unit(u => u.Description("App")));

        Assert.Equal("[Unit]\nDescription=App\n[Service]\nExecStart=/usr/bin/app\n[Install]\nWantedBy=multi-user.target\n", unit.ToText());
    }

    [Fact]
    public void RepeatableDirectivesAccumulateAndOthersReplace()
    {
        var unit = Units.Service("app.service", s => s.Service(x => x
            .Restart(ServiceRestart.Always)
            .ExecStartPre("/usr/bin/true")
            .Restart(ServiceRestart.OnFailure)
            .ExecStartPre("/usr/bin/false")));

        Assert.Equal("[Service]\nRestart=on-failure\nExecStartPre=/usr/bin/true\nExecStartPre=/usr/bin/false\n", unit.ToText());
    }

    [Fact]
    public void CallingASectionAgainAddsToIt()
    {
        var unit = Units.Service("app.service", s => s
            .Unit(u => u.Description("App"))
            .Unit(u => u.After("network-online.target")));

        Assert.Equal("[Unit]\nDescription=App\nAfter=network-online.target\n", unit.ToText());
    }

    [Fact]
    public void TypedValuesAreWrittenInSystemdSyntax()
    {
        var unit = Units.Service("app.service", s => s.Service(x => x
            .TimeoutStartSec(TimeSpan.FromMinutes(90))
            .RuntimeMaxSec(Timeout.InfiniteTimeSpan)
            .MemoryMax(ByteSize.GiB(2))
            .CPUQuota("150%")
            .UMask(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)
            .Environment("GREETING", "hello world")
            .ExecStart(new ExecCommand("/usr/bin/printf", "%s\\n", "a b"))));

        Assert.Equal(
            "[Service]\nTimeoutStartSec=1h 30min\nRuntimeMaxSec=infinity\nMemoryMax=2G\nCPUQuota=150%\nUMask=0022\n" +
            "Environment=\"GREETING=hello world\"\nExecStart=/usr/bin/printf \"%%s\\\\n\" \"a b\"\n",
            unit.ToText());
    }

    [Fact]
    public void ConditionsTakeTheirPrefixesAsFlagsOrInTheString()
    {
        var unit = Units.Service("app.service", s => s.Unit(u => u
            .ConditionPathExists("/etc/app.conf", negate: true)
            .ConditionPathExists("|/run/app.flag")
            .ConditionVirtualization("!container")
            .ConditionArchitecture(ArchitectureCondition.X86_64, triggering: true)));

        Assert.Equal(
            "[Unit]\nConditionPathExists=!/etc/app.conf\nConditionPathExists=|/run/app.flag\n" +
            "ConditionVirtualization=!container\nConditionArchitecture=|x86-64\n",
            unit.ToText());
    }

    [Fact]
    public void BooleansAreYesNoUnlessTheUnitAsksForTrueFalse()
    {
        var yesNo = Units.Service("a.service", s => s.Service(x => x.RemainAfterExit(true).PrivateTmp(PrivateTmp.Connected)));
        var trueFalse = Units.Service("b.service", s => s.Booleans(BooleanSpelling.TrueFalse).Service(x => x.RemainAfterExit(false)));

        Assert.Equal("[Service]\nRemainAfterExit=yes\nPrivateTmp=connected\n", yesNo.ToText());
        Assert.Equal("[Service]\nRemainAfterExit=false\n", trueFalse.ToText());
    }

    [Fact]
    public void BuiltUnitsServeAsTypedHandles()
    {
        var engine = Units.Service("update-engine.service", s => s.Service(x => x.ExecStart("/usr/sbin/update_engine")));
        var locksmith = Units.Service("locksmithd.service", s => s.Unit(u => u.Requires(engine).After(engine)));

        Assert.Equal("[Unit]\nRequires=update-engine.service\nAfter=update-engine.service\n", locksmith.ToText());
    }

    [Theory]
    [InlineData("Description", "two\nlines", "control character U+000A at position 3")]
    [InlineData("Description", "ends in a backslash\\", "ends in a backslash, which joins the next line")]
    [InlineData("Description", " padded", "leading or trailing white space")]
    [InlineData("Description", "", "an empty value resets the directive")]
    [InlineData("Description", "bad %Z specifier", "%Z")]
    [InlineData("Documentation", "   ", "leading or trailing white space")]
    public void BadStringsFailNamingUnitSectionDirectiveAndRule(string directive, string value, string rule)
    {
        var e = Assert.Throws<UnitDefinitionException>(() => Units.Service("app.service", s => s.Unit(u =>
        {
            if (directive == "Description")
            {
                u.Description(value);
            }
            else
            {
                u.Documentation(value);
            }
        })));

        Assert.Equal("app.service", e.Unit);
        Assert.Equal("Unit", e.Section);
        Assert.Equal(directive, e.Directive);
        Assert.Contains(rule, e.Rule, StringComparison.Ordinal);
        Assert.StartsWith($"app.service: [Unit] {directive}=: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OnCalendar", "*-*-* 25:00:00", "hour 25")]
    [InlineData("OnBootSec", "5 fortnights", "fortnights")]
    [InlineData("Unit", "backup.timer.x", "backup.timer.x")]
    public void BadValuesOfTypedKindsFailWithTheParsersReason(string directive, string value, string fragment)
    {
        var e = Assert.Throws<UnitDefinitionException>(() => Units.Timer("backup.timer", t => t.Timer(x =>
        {
            _ = directive switch
            {
                "OnCalendar" => x.OnCalendar(value),
                "OnBootSec" => x.OnBootSec(value),
                _ => x.Unit(value),
            };
        })));

        Assert.Equal(("backup.timer", "Timer", directive), (e.Unit, e.Section, e.Directive));
        Assert.Contains(fragment, e.Rule, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.timer", "a service unit's name must end in .service")]
    [InlineData("app", "app")]
    [InlineData("bad name.service", "bad name.service")]
    public void UnitNamesAreCheckedAgainstTheirType(string name, string fragment)
    {
        var e = Assert.Throws<UnitDefinitionException>(() => Units.Service(name, _ => { }));

        Assert.Equal(name, e.Unit);
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateAndInstanceNamesAreAccepted()
    {
        Assert.Equal("getty@.service", Units.Service("getty@.service", _ => { }).Name.Value);
        Assert.Equal("ttyS0", Units.Service("getty@ttyS0.service", _ => { }).Name.Instance);
    }

    [Fact]
    public void ResetAndRawWriteWhatTheyAreAsked()
    {
        var unit = Units.Service("app.service", s => s.Service(x =>
        {
            x.Reset("ExecStart");
            x.ExecStart("/usr/bin/app --new");
            x.Raw("X-Vendor-Tag", "blue");
        }));

        Assert.Equal("[Service]\nExecStart=\nExecStart=/usr/bin/app --new\nX-Vendor-Tag=blue\n", unit.ToText());
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void UnitsFromEveryBuilderLoadInSystemdWithoutParseErrors()
    {
        var units = new[]
        {
            Units.Service("app.service", s => s
                .Unit(u => u.Description("App with % literal 100%% sure").After("network-online.target").Wants("network-online.target")
                    .ConditionPathExists("/etc/app.conf", negate: true).Documentation("https://example.com/app"))
                .Service(x => x.Type(ServiceType.Notify).User("app").Environment("MODE", "a \"quoted\" value\twith tab")
                    .ExecStartPre(new ExecCommand("/usr/bin/mkdir", "-p", "/var/lib/app").WithFlags(ExecFlags.IgnoreFailure))
                    .ExecStart(new ExecCommand("/usr/bin/app", "--name", "it's $HOME; ok", "100%"))
                    .Restart(ServiceRestart.OnFailure).RestartSec(TimeSpan.FromMilliseconds(1500))
                    .MemoryMax(ByteSize.MiB(512)).CPUWeight(50).TasksMax("infinity").LimitNOFILE("65536")
                    .ProtectSystem(ProtectSystem.Strict).ReadWritePaths("/var/lib/app", "-/var/cache/app").UMask("0027")
                    .KillSignal("SIGINT").TimeoutStopSec("1min 30s"))
                .Install(i => i.WantedBy("multi-user.target").Alias("application.service"))),
            Units.Timer("app.timer", t => t.Timer(x => x.OnCalendar("Mon..Fri 09:00 UTC").OnBootSec(TimeSpan.FromMinutes(5))
                .RandomizedDelaySec("30s").Persistent(true).Unit("app.service"))),
            Units.Socket("app.socket", s => s.Socket(x => x.ListenStream("127.0.0.1:8080").Accept(false).SocketMode("0660"))
                .Install(i => i.WantedBy("sockets.target"))),
            Units.Mount("var-lib-app.mount", m => m.Mount(x => x.What("LABEL=APP").Where("/var/lib/app").Type("ext4").Options("noatime"))),
            Units.Path("app.path", p => p.Path(x => x.PathChanged("/etc/app.conf").Unit("app.service"))),
            Units.Slice("apps.slice", s => s.Slice(x => x.MemoryMax(new Percent(50)))),
            Units.Target("apps.target", t => t.Unit(u => u.Wants("app.service"))),
        };

        var verify = SystemdVerify.Run(units.ToDictionary(u => u.Name.Value, u => u.ToText()));

        foreach (var unit in units)
        {
            var complaints = verify.Messages(unit.Name.Value)
                .Where(m => Regex.IsMatch(m, "Failed to parse|bad unit file setting|Unknown key|Unknown section|Invalid|Ignoring", RegexOptions.IgnoreCase))
                .ToList();
            Assert.True(complaints.Count == 0, $"{unit.Name}:\n{string.Join('\n', complaints)}\n---\n{unit.ToText()}");
        }

        // The exec words reached systemd exactly as given. Its dump shows them before variable expansion, where
        // a literal '$' is still the '$$' that expands to it when the command runs.
        var commandLines = verify.DumpValues("app.service", "Command Line");
        Assert.True(commandLines.Any(l => SystemdVerify.SplitCommandLine(l).SequenceEqual(["/usr/bin/app", "--name", "it's $$HOME; ok", "100%"])),
            string.Join('\n', commandLines));
    }
}
