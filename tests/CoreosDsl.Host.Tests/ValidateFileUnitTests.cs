using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.CloudConfig.Validation;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Host.Tests;

/// <summary>
/// <c>validate FILE</c> checks the units of a cloud-config with the analyzers' rules (CloudConfigUnitChecks): each
/// finding at the line of the YAML file where the unit text says it.
/// </summary>
public class ValidateFileUnitTests
{
    /// <summary>What the issue found reported as "ok": every line a rule refuses, with the line it is on.</summary>
    private const string Broken = """
        #cloud-config
        coreos:
          units:
          - name: backup.timer
            command: start
            content: |
              [Timer]
              OnCalendar=*-*-* 25:00
              Unit=backups.service
          - name: backup.service
            content: |
              [Service]
              Type=oneshot
              Restart=always
              ExecStart=/usr/bin/backup %F
              Enviroment=A=1
          - name: docker.service
            drop_ins:
            - name: 10-opts.conf
              content: |
                [Service]
                ExecStart=/usr/bin/dockerd --debug

        """;

    private readonly string folder = TestPaths.NewScratchDirectory("validate-units");

    /// <summary>
    /// The directive syntaxes come from the generated builders of the loaded definitions project (as in the host,
    /// which is one): the Fleet example's, loaded here.
    /// </summary>
    private static readonly System.Reflection.Assembly Builders = typeof(Fleet.FleetWorkers).Assembly;

    private static List<(string Id, int Line)> Found(string yaml, CloudConfigDialect dialect = CloudConfigDialect.Flatcar) =>
        Builders is null ? [] : [.. CloudConfigUnitChecks.Check(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(yaml), dialect)).Entries
            .Where(e => e.RuleId.StartsWith("CDSL", StringComparison.Ordinal)).Select(e => (e.RuleId, e.Line))];

    [Fact]
    public void EveryRuleIsReportedAtTheLineOfTheUnitText()
    {
        Assert.Equal(
            [("CDSL201", 8), ("CDSL221", 9), ("CDSL226", 14), ("CDSL207", 15), ("CDSL240", 16), ("CDSL242", 22)],
            Found(Broken));
    }

    [Fact]
    public void TheCommandRendersThemLikeTheValidatorsEntries()
    {
        File.WriteAllText(Path.Combine(folder, "units.yml"), Broken);

        var result = Cli.Run(Cli.Fleet, folder, "validate", "units.yml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error[CDSL226]: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--> units.yml:14:7\n   |\n14 |       Restart=always\n   |       ^^^^^^^^^^^^^^\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("warning[CDSL240]: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("did you mean", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void ARightFileStaysOk()
    {
        // A unit written in one entry and started with a drop-in in another, a timer with its service.
        const string right = """
            #cloud-config
            coreos:
              units:
              - name: backup.timer
                command: start
                content: |
                  [Timer]
                  OnCalendar=*-*-* 05:00:00
              - name: backup.service
                content: |
                  [Service]
                  Type=oneshot
                  ExecStart=/usr/bin/backup
              - name: docker.service
                command: start
              - name: docker.service
                drop_ins:
                - name: 10-opts.conf
                  content: |
                    [Service]
                    Environment=DOCKER_OPTS=--debug

            """;
        Assert.Empty(Found(right));

        File.WriteAllText(Path.Combine(folder, "right.yml"), right);
        var result = Cli.Run(Cli.Fleet, folder, "validate", "right.yml", "--strict");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("right.yml: ok\n", result.StandardOutput);
    }

    [Fact]
    public void UnitTextThatIsNotABlockIsReportedAtItsEntrysName()
    {
        const string quoted = "#cloud-config\ncoreos:\n  units:\n  - name: app.service\n    content: \"[Service]\\nType=oneshot\\nRestart=always\\nExecStart=/usr/bin/app\\n\"\n";
        Assert.Equal([("CDSL226", 4)], Found(quoted));
    }

    [Fact]
    public void TheSeedsOrderingCycleIsFoundInItsFile()
    {
        var seed = File.ReadAllText(Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml"));
        var before = seed.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Trim() == "Before=var-lib-docker.mount").i + 1;
        Assert.Contains(("CDSL230", before), Found(seed, CloudConfigDialect.CoreOS));
    }
}
