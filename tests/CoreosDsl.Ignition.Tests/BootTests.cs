namespace CoreosDsl.Ignition.Tests;

/// <summary>How an Ignition worker boots: the kernel line and the config drive.</summary>
public class BootTests
{
    private static readonly Uri Url = new("http://10.0.0.1:8080/flatcar-1/ignition.json");

    [Fact]
    public void The_kernel_line_names_the_Ignition_config_and_the_first_boot()
    {
        var worker = Worker.Define("flatcar-1", w => w.Hostname("flatcar-1")).WithIgnitionConfigUrl(Url);

        Assert.EndsWith(" ignition.config.url=http://10.0.0.1:8080/flatcar-1/ignition.json flatcar.first_boot=1\n", worker.ToSyslinuxConfig());
        Assert.Equal(Provisioning.Both, worker.Provisioning);
    }

    [Fact]
    public void A_cloud_config_worker_boots_as_before()
    {
        var worker = Worker.Define("classic", w => w.Hostname("classic"));

        Assert.DoesNotContain("ignition", worker.ToSyslinuxConfig());
        Assert.DoesNotContain("first_boot", worker.ToSyslinuxConfig());
        Assert.DoesNotContain("first_boot", worker.WithProvisioning(Provisioning.Both).WithProvisioning(Provisioning.CloudConfig).ToSyslinuxConfig());
    }

    [Fact]
    public void A_config_drive_carries_the_Ignition_json_of_an_Ignition_worker()
    {
        var worker = Worker.Define("flatcar-1", w => w.Hostname("flatcar-1"));

        Assert.StartsWith("#cloud-config", worker.ConfigDriveUserData());
        Assert.Equal(worker.WithIgnition().ToIgnitionJson(), worker.WithIgnition().ConfigDriveUserData());
        Assert.Contains("flatcar.first_boot=1", worker.WithIgnition().ToSyslinuxConfig());
    }
}
