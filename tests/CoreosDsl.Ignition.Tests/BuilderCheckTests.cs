namespace CoreosDsl.Ignition.Tests;

public class BuilderCheckTests
{
    [Theory]
    [InlineData("etc/hostname", "not an absolute path")]
    [InlineData("/etc//hostname", "write '/etc/hostname'")]
    [InlineData("/etc/./hostname", "write '/etc/hostname'")]
    [InlineData("/etc/x/../hostname", "write '/etc/hostname'")]
    [InlineData("/etc/", "write '/etc'")]
    public void Paths_must_be_absolute_and_simplified(string path, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => IgnitionConfig.Create(c => c.Storage(s => s.File(path))));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("644")]
    [InlineData("0644")]
    [InlineData("0777")]
    public void Octal_modes_are_accepted(string mode) =>
        IgnitionConfig.Create(c => c.Storage(s => s.File("/a", f => f.Mode(mode))));

    [Theory]
    [InlineData("0x1A4")]
    [InlineData("0855")]
    [InlineData("")]
    [InlineData("4755")]
    public void Other_modes_are_refused(string mode) =>
        Assert.Throws<ArgumentException>(() => IgnitionConfig.Create(c => c.Storage(s => s.File("/a", f => f.Mode(mode)))));

    [Fact]
    public void Special_bits_are_refused_since_spec_3_3_0_ignores_them()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            IgnitionConfig.Create(c => c.Storage(s => s.File("/a", f => f.Mode(UnixFileMode.SetUser | UnixFileMode.UserExecute)))));
        Assert.Contains("04100", e.Message);
    }

    [Theory]
    [InlineData("sha1-0123", "hash function")]
    [InlineData("sha512-abc", "128 hexadecimal digits")]
    public void Hashes_name_a_known_function_and_hold_a_whole_digest(string hash, string message)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            IgnitionConfig.Create(c => c.Storage(s => s.File("/a", f => f.Contents(r => r.Remote(new Uri("https://example.com/a"), hash))))));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("docker.conf")]
    public void Unit_names_need_a_unit_type_suffix(string name) =>
        Assert.Throws<ArgumentException>(() => IgnitionConfig.Create(c => c.Systemd(s => s.Unit(name))));

    [Fact]
    public void Drop_in_names_need_the_conf_suffix() =>
        Assert.Throws<ArgumentException>(() => IgnitionConfig.Create(c => c.Systemd(s => s.Unit("a.service", u => u.DropIn(new string("10-a"))))));
}
