namespace MyWorkers;

/// <summary>The workers of this project. Add more with more Worker.Define calls, built by shared functions.</summary>
public static class Workers
{
    /// <summary>A placeholder so that the project runs as is; put real keys in $WORKER_SSH_KEYS or keys.pub, never in source.</summary>
    public const string PlaceholderKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com";

    /// <summary>The worker.</summary>
    public static WorkerDefinition Define() => Worker.Define("my-worker", w => w
            .Hostname("my-worker")
            .Coreos(c => c
                .Update(u => u
                    .RebootStrategy(RebootStrategy.Reboot)
                    .Group("stable"))
                .Units(units => units
                    .Service("hello.service", UnitCommand.Start, s => s
                        .Unit(u => u
                            .Description("Says hello once the network is up")
                            .After("network-online.target")
                            .Wants("network-online.target"))
                        .Service(x => x
                            .Type(ServiceType.Oneshot)
                            .ExecStart("/usr/bin/echo hello from my-worker")
                            .MemoryMax(ByteSize.MiB(16)))
                        .Install(i => i.WantedBy("multi-user.target")))))
            .SshAuthorizedKeys(SshKeys.FromEnvironmentOrFile("WORKER_SSH_KEYS", "keys.pub", PlaceholderKey)))
        .WithConfigUrl(new Uri("http://config.example.com:8080/my-worker/cloud-config.yml"));
}
