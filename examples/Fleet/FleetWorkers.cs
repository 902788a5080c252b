namespace Fleet;

/// <summary>
/// The fleet: one function defines every worker from the inventory, the shared units and per-machine values.
/// Secrets and site data come from outside the code: SSH keys from $FLEET_SSH_KEYS or keys.pub, the config server
/// from $FLEET_CONFIG_SERVER, machines from inventory.txt.
/// </summary>
public static class FleetWorkers
{
    /// <summary>The port the node exporter listens on.</summary>
    public const int MetricsPort = 9100;

    /// <summary>A placeholder key so that the example runs as is; never paste real keys into source.</summary>
    public const string PlaceholderKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com";

    /// <summary>Where the workers fetch their cloud-config: this project's 'serve', behind that address.</summary>
    public static Uri ConfigServer =>
        new(Environment.GetEnvironmentVariable("FLEET_CONFIG_SERVER") is { Length: > 0 } url ? url : "http://config.example.com:8080/");

    /// <summary>Every worker of the inventory.</summary>
    public static IReadOnlyList<WorkerDefinition> All() => All(Inventory.Read(Inventory.DefaultPath));

    /// <summary>Every worker of <paramref name="machines"/>.</summary>
    public static IReadOnlyList<WorkerDefinition> All(IReadOnlyList<Machine> machines) => machines.Select(Define).ToList();

    /// <summary>The worker for one machine.</summary>
    public static WorkerDefinition Define(Machine machine)
    {
        var exporter = SharedUnits.NodeExporter(MetricsPort);
        return Worker.Define(machine.Name, w => w
                .Hostname(machine.Name)
                .Coreos(c => c
                    .Update(u => u
                        .RebootStrategy(RebootStrategy.Reboot)
                        .Group("stable"))
                    .Units(units =>
                    {
                        units
                            .Add(SharedUnits.FormatEphemeral, UnitCommand.Start)
                            .Add(SharedUnits.DockerVolume, UnitCommand.Start)
                            .Add(exporter, UnitCommand.Start, e => e.Enable(true))
                            .Add(SharedUnits.UpdateWindow)
                            .Add(SharedUnits.UpdateWindowTimer, UnitCommand.Start);
                        if (machine.Role == "ingress")
                        {
                            units.Add(SharedUnits.Ingress(exporter), UnitCommand.Start, e => e.Enable(true));
                        }
                    }))
                .WriteFiles(files => files.Add(f => f
                    .Path("/etc/fleet/role")
                    .Permissions(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead)
                    .Content(machine.Role + "\n")))
                .SshAuthorizedKeys(SshKeys.FromEnvironmentOrFile("FLEET_SSH_KEYS", "keys.pub", PlaceholderKey)))
            .WithMacAddresses(machine.MacAddress)
            .WithConfigUrl(new Uri(ConfigServer, $"{machine.Name}/cloud-config.yml"));
    }
}
