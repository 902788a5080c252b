using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// CDSL222, 224, 226, 227, 228: settings systemd refuses when it loads a unit, found where the unit is built; and,
/// against systemd-analyze verify, the rules fire exactly when systemd refuses.
/// </summary>
public class UnitSettingsTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "CDSL222",
            Snippets.Unit("""Units.Mount({|CDSL222:"docker.mount"|}, m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Type("btrfs")))"""),
            Snippets.Unit("""Units.Mount("var-lib-docker.mount", m => m.Mount(x => x.What("LABEL=DOCKER").Where("/var/lib/docker").Type("btrfs")))""")
        },
        {
            "CDSL222 escaping",
            Snippets.Unit("""Units.Automount({|CDSL222:"srv-my-data.automount"|}, m => m.Automount(x => x.Where("/srv/my-data")))"""),
            Snippets.Unit("""Units.Automount("srv-my\\x2ddata.automount", m => m.Automount(x => x.Where("/srv/my-data")))""")
        },
        {
            "CDSL224",
            Snippets.Unit("""Units.Timer({|CDSL224:"backup.timer"|}, t => t.Timer(x => x.AccuracySec("1s").Persistent(true)))"""),
            Snippets.Unit("""Units.Timer("backup.timer", t => t.Timer(x => x.AccuracySec("1s").OnBootSec(TimeSpan.FromMinutes(5))))""")
        },
        {
            "CDSL224 reset",
            Snippets.Unit("""Units.Timer({|CDSL224:"backup.timer"|}, t => t.Timer(x => x.OnCalendar("daily").Reset("OnCalendar")))"""),
            Snippets.Unit("""Units.Timer("backup.timer", t => t.Timer(x => x.OnClockChange(true)))""")
        },
        {
            "CDSL226",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/bin/true").Restart({|CDSL226:ServiceRestart.Always|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/bin/true").Restart(ServiceRestart.OnFailure)))""")
        },
        {
            "CDSL226 by default",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.RemainAfterExit(true).Restart({|CDSL226:ServiceRestart.OnSuccess|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/bin/true").Restart(ServiceRestart.OnSuccess)))""")
        },
        {
            "CDSL227",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.Type({|CDSL227:ServiceType.Dbus|}).ExecStart("/usr/bin/app")))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.Type(ServiceType.Dbus).BusName("org.example.App").ExecStart("/usr/bin/app")))""")
        },
        {
            "CDSL228",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart("/usr/sbin/wipefs -f /dev/sda").ExecStart({|CDSL228:"/usr/sbin/mkfs.btrfs /dev/sda"|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.Type(ServiceType.Oneshot).ExecStart("/usr/sbin/wipefs -f /dev/sda").ExecStart("/usr/sbin/mkfs.btrfs /dev/sda")))""")
        },
        {
            "CDSL228 across lambdas",
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart(new ExecCommand("/bin/a"))).Service(x => x.ExecStart({|CDSL228:new ExecCommand("/bin/b")|})))"""),
            Snippets.Unit("""Units.Service("a.service", s => s.Service(x => x.ExecStart(new ExecCommand("/bin/a"))).Service(x => { x.Reset("ExecStart"); x.ExecStart(new ExecCommand("/bin/b")); }))""")
        },
        {
            "CDSL222 in raw text",
            Snippets.Units("""units.Raw({|CDSL222:"docker.mount"|}, "[Mount]\nWhat=LABEL=DOCKER\nWhere=/var/lib/docker\n", UnitCommand.Start)"""),
            Snippets.Units("""units.Raw("var-lib-docker.mount", "[Mount]\nWhat=LABEL=DOCKER\nWhere=/var/lib/docker\n", UnitCommand.Start)""")
        },
        {
            "CDSL226 in raw text",
            Snippets.Units("""units.Raw("a.service", {|CDSL226:"[Service]\nType=oneshot\nRestart=always\nExecStart=/bin/true\n"|})"""),
            Snippets.Units("""units.Raw("a.service", "[Service]\nType=oneshot\nRestart=on-failure\nExecStart=/bin/true\n")""")
        },
        {
            "CDSL227 in a worker",
            Snippets.Units("""units.Service("app.service", UnitCommand.Start, s => s.Service(x => x.Type({|CDSL227:ServiceType.Dbus|}).ExecStart("/usr/bin/app")))"""),
            Snippets.Units("""units.Service("app.service", UnitCommand.Start, s => s.Service(x => x.Type(ServiceType.Dbus).BusName("org.example.App").ExecStart("/usr/bin/app")))""")
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSettingIsFlaggedAndTheFixedUnitIsNot(string rule, string failing, string fixedSnippet)
    {
        _ = rule;
        AnalyzerHarness.Verify(failing);
        AnalyzerHarness.Verify(fixedSnippet);
    }

    [Fact]
    public void ValuesComputedAtRunTimeAreNotHeldAgainstTheUnit()
    {
        AnalyzerHarness.Verify(Snippets.Unit(
            """Units.Service("a.service", s => s.Service(x => x.Type(Enum.Parse<ServiceType>(Environment.GetEnvironmentVariable("TYPE") ?? "Oneshot")).ExecStart("/bin/true").Restart(ServiceRestart.Always)))"""));
    }

    /// <summary>(file, content, expected rule or null, systemd's refusal or null): one problem per file at most.</summary>
    public static readonly (string File, string Content, string? Rule, string? Refusal)[] OracleCases =
    [
        ("oneshot-always.service", "[Service]\nType=oneshot\nRestart=always\nExecStart=/bin/true\n", "CDSL226",
            "Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing."),
        ("oneshot-onsuccess.service", "[Service]\nType=oneshot\nRestart=on-success\nExecStart=/bin/true\n", "CDSL226",
            "Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing."),
        ("oneshot-default-always.service", "[Service]\nRemainAfterExit=yes\nExecStop=/bin/true\nRestart=always\n", "CDSL226",
            "Service has Restart= set to either always or on-success, which isn't allowed for Type=oneshot services. Refusing."),
        ("oneshot-onfailure.service", "[Service]\nType=oneshot\nRestart=on-failure\nExecStart=/bin/true\n", null, null),
        ("simple-always.service", "[Service]\nRestart=always\nExecStart=/bin/true\n", null, null),
        ("dbus-nobus.service", "[Service]\nType=dbus\nExecStart=/bin/true\n", "CDSL227",
            "Service is of type D-Bus but no D-Bus service name has been specified. Refusing."),
        ("dbus-bus.service", "[Service]\nType=dbus\nBusName=org.example.App\nExecStart=/bin/true\n", null, null),
        ("two-exec.service", "[Service]\nExecStart=/bin/true\nExecStart=/bin/false\n", "CDSL228",
            "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."),
        ("two-exec-forking.service", "[Service]\nType=forking\nExecStart=/bin/true\nExecStart=/bin/false\n", "CDSL228",
            "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."),
        ("busname-two-exec.service", "[Service]\nBusName=org.example.Other\nExecStart=/bin/true\nExecStart=/bin/false\n", "CDSL228",
            "Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing."),
        ("two-exec-oneshot.service", "[Service]\nType=oneshot\nExecStart=/bin/true\nExecStart=/bin/false\n", null, null),
        ("two-exec-reset.service", "[Service]\nExecStart=/bin/true\nExecStart=\nExecStart=/bin/false\n", null, null),
        ("two-exec-continued.service", "[Service]\nExecStart=/bin/true \\\n  --flag\n# ExecStart=/bin/false\n", null, null),
        ("notrigger.timer", "[Timer]\nAccuracySec=1s\n", "CDSL224", "Timer unit lacks value setting. Refusing."),
        ("reset-trigger.timer", "[Timer]\nOnCalendar=daily\nOnCalendar=\n", "CDSL224", "Timer unit lacks value setting. Refusing."),
        ("clock.timer", "[Timer]\nOnClockChange=yes\n", null, null),
        ("boot.timer", "[Timer]\nOnBootSec=5min\n", null, null),
        ("docker.mount", "[Mount]\nWhat=/dev/sda\nWhere=/var/lib/docker\n", "CDSL222", "Where= setting doesn't match unit name. Refusing."),
        ("var-lib-docker.mount", "[Mount]\nWhat=/dev/sda\nWhere=/var/lib/docker\n", null, null),
        ("srv-my\\x2ddata.mount", "[Mount]\nWhat=/dev/sdb\nWhere=/srv/my-data\n", null, null),
        ("srv-my-data.mount", "[Mount]\nWhat=/dev/sdb\nWhere=/srv/my-data\n", "CDSL222", "Where= setting doesn't match unit name. Refusing."),
    ];

    [Fact]
    [Trait("Category", "Oracle")]
    public void TheRulesFireExactlyWhenSystemdRefusesTheUnit()
    {
        var verify = SystemdVerify.Run(OracleCases.ToDictionary(c => c.File, c => c.Content, StringComparer.Ordinal));
        var ruleIds = new HashSet<string>(StringComparer.Ordinal) { "CDSL222", "CDSL224", "CDSL226", "CDSL227", "CDSL228" };
        foreach (var (file, content, rule, refusal) in OracleCases)
        {
            // The runtime twin reads the unit back from the worker's cloud-config; the analyzer shares its rules.
            var worker = Worker.Define("oracle", w => w.Coreos(c => c.Units(u => u.Raw(file, content))));
            var found = worker.Validate().Where(d => ruleIds.Contains(d.Id)).Select(d => d.Id).ToList();
            // systemd logs load-time refusals under the unit's name ("a.service: ... Refusing."), not the file's path.
            var said = verify.Result.Output.Split('\n').Where(l => l.StartsWith(file + ": ", StringComparison.Ordinal)).ToList();
            var refused = said.Where(l => l.EndsWith("Refusing.", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToList();

            Assert.True(rule is null ? found.Count == 0 : found.SequenceEqual([rule]), $"{file}: rules found [{string.Join(", ", found)}], expected {rule ?? "none"}");
            Assert.True(refusal is null ? refused.Count == 0 : refused.SequenceEqual([refusal]),
                $"{file}: systemd said\n  {string.Join("\n  ", said)}\nexpected {refusal ?? "no refusal"}");
        }
    }
}
