using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Images.Tests;

/// <summary>The ISO config drive (volume config-2, openstack/latest/user_data) as isoinfo, 7z and xorriso see it.</summary>
[Trait("Category", "Oracle")]
public sealed class IsoConfigDriveTests : IDisposable
{
    public const string UserData = "#cloud-config\nhostname: iso-config-drive\ncoreos:\n  update:\n    reboot_strategy: off\n";

    private readonly string _dir = TestPaths.NewScratchDirectory("iso-configdrive");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Two_lines_make_a_config_drive_that_isoinfo_and_7z_read()
    {
        var cfg = Path.Combine(_dir, "config-2.iso");

        ConfigDrive.CreateIsoBuilder(UserData).WriteToFile(cfg);

        var info = ExternalTool.Run("isoinfo", ["-d", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("Volume id: config-2\n", info);
        var rr = ExternalTool.Run("isoinfo", ["-R", "-f", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("/openstack/latest/user_data\n", rr);
        var joliet = ExternalTool.Run("isoinfo", ["-J", "-f", "-i", cfg]).EnsureSuccess().StandardOutput;
        Assert.Contains("/openstack/latest/user_data\n", joliet);
        var extracted = Path.Combine(_dir, "x");
        ExternalTool.Run("7z", ["x", "-o" + extracted, cfg]).EnsureSuccess();
        Assert.Equal(UserData, File.ReadAllText(Path.Combine(extracted, "openstack", "latest", "user_data")));
        var blkidLike = ExternalTool.Run("xorriso", ["-indev", cfg, "-pvd_info"]).EnsureSuccess().Output;
        Assert.Contains("Volume Id    : config-2", blkidLike);
    }
}

/// <summary>The stock ISO boots with our ISO config drive as a second CD-ROM, and /init prints its user_data.</summary>
[Trait("Category", "Oracle")]
public sealed class IsoConfigDriveBootTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("iso-cfg-boot");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Stock_image_with_our_config_drive_attached_prints_the_user_data()
    {
        var cfg = Path.Combine(_dir, "config-2.iso");
        ConfigDrive.CreateIsoBuilder(IsoConfigDriveTests.UserData).WriteToFile(cfg);
        var boot = QemuBoot.Cdrom(StockImage.Instance.IsoPath, "-drive", $"file={cfg},format=raw,media=cdrom,index=3");
        Assert.True(boot.Completed, boot.Serial);
        Assert.Contains(boot.Markers, m => m.StartsWith("BOOTLAB-CONFIGDRIVE-FOUND", StringComparison.Ordinal) && m.Contains("fs=iso9660", StringComparison.Ordinal));
        Assert.Contains(boot.Markers, m => m.StartsWith("BOOTLAB-CONFIGDRIVE-LABEL", StringComparison.Ordinal));
        Assert.Equal(IsoConfigDriveTests.UserData.TrimEnd('\n'), boot.Block("USERDATA")?.TrimEnd('\n'));
    }
}
