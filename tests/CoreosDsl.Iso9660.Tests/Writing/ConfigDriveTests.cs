using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>The config drive (volume config-2, openstack/latest/user_data) as isoinfo and 7z see it.</summary>
[Trait("Category", "Oracle")]
public sealed class ConfigDriveTests
{
    public const string UserData = "#cloud-config\nhostname: iso-config-drive\ncoreos:\n  update:\n    reboot_strategy: off\n";

    [Fact]
    public void Two_lines_make_a_config_drive_that_isoinfo_and_7z_read()
    {
        using var scratch = new Scratch("iso-configdrive");
        var cfg = scratch.PathOf("config-2.iso");

        var drive = ConfigDrive.Create(UserData);
        drive.WriteToFile(cfg);

        var info = ExternalTool.Run("isoinfo", ["-d", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("Volume id: config-2\n", info);
        var rr = ExternalTool.Run("isoinfo", ["-R", "-f", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("/openstack/latest/user_data\n", rr);
        var joliet = ExternalTool.Run("isoinfo", ["-J", "-f", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("/openstack/latest/user_data\n", joliet);
        var extracted = scratch.PathOf("x");
        ExternalTool.Run("7z", ["x", "-o" + extracted, cfg]).EnsureSuccess();
        Assert.Equal(UserData, File.ReadAllText(Path.Combine(extracted, "openstack", "latest", "user_data")));
        var blkidLike = ExternalTool.Run("xorriso", ["-indev", cfg, "-pvd_info"]).EnsureSuccess().Output;
        Assert.Contains("Volume Id    : config-2", blkidLike);
    }
}
