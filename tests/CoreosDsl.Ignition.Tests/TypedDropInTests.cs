using System.Text.Json.Nodes;
using CoreosDsl.CloudConfig;
using CoreosDsl.Systemd;

namespace CoreosDsl.Ignition.Tests;

/// <summary>
/// Typed drop-ins (<c>.DropIn("10-opts.conf", d =&gt; d.Service(...))</c>): written with the section builders of their
/// unit's type, into cloud-config's <c>drop_ins</c> and Ignition's <c>dropins</c>, and checked with their unit.
/// </summary>
public class TypedDropInTests
{
    private const string Expected = "[Unit]\nAfter=network-online.target\n[Service]\nNice=5\nEnvironment=DOCKER_OPTS=--debug\n";

    private static WorkerDefinition Docker() => Worker.Define("flatcar-1", w => w
            .Coreos(c => c.Units(units => units
                .Existing("docker.service", UnitCommand.Start, e => e
                    .DropIn("10-opts.conf", d => d
                        .Service(x => x.Nice(5).Environment("DOCKER_OPTS", "--debug"))
                        .Unit(u => u.After("network-online.target")))))))
        .WithProvisioning(Provisioning.Both);

    [Fact]
    public void The_same_text_goes_to_cloud_config_and_to_Ignition_in_the_units_section_order()
    {
        var worker = Docker();

        var yaml = worker.Files()["cloud-config.yml"];
        Assert.Contains("drop_ins:", yaml, StringComparison.Ordinal);
        Assert.Contains("name: 10-opts.conf", yaml, StringComparison.Ordinal);
        var docker = ((JsonArray)JsonNode.Parse(worker.ToIgnitionJson())!["systemd"]!["units"]!).Single(u => (string?)u!["name"] == "docker.service")!;
        var dropIn = Assert.Single((JsonArray)docker["dropins"]!)!;
        Assert.Equal("10-opts.conf", (string?)dropIn["name"]);
        Assert.Equal(Expected, (string?)dropIn["contents"]);
        Assert.DoesNotContain(worker.Validate(), d => d.Severity == WorkerDiagnosticSeverity.Error);
    }

    [Fact]
    public void A_section_the_units_type_lacks_is_refused_naming_the_unit()
    {
        var e = Assert.Throws<WorkerDefinitionException>(() => Worker.Define("flatcar-1", w => w
            .Coreos(c => c.Units(units => units
                .Existing("docker.service", UnitCommand.Start, e => e
                    .DropIn("10-timer.conf", d => d.Timer(t => t.OnCalendar("daily"))))))));

        Assert.Contains("docker.service", e.Message, StringComparison.Ordinal);
        Assert.Contains("a .service unit has no [Timer] section", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_drop_in_is_checked_with_its_unit()
    {
        // A second ExecStart= for a service that is not Type=oneshot: systemd refuses the unit (CDSL242). The analyzers
        // report it at compile time too (this project builds with them); here the run-time twin is checked.
#pragma warning disable CDSL242
        var worker = Worker.Define("flatcar-1", w => w
            .Coreos(c => c.Units(units => units
                .Add(Units.Service("app.service", s => s.Service(x => x.ExecStart("/usr/bin/app"))), UnitCommand.Start, e => e
                    .DropIn("10-more.conf", d => d.Service(x => x.ExecStart("/usr/bin/app --more")))))));
#pragma warning restore CDSL242

        Assert.Contains(worker.Validate(), d => d.Id == "CDSL242");
    }
}
