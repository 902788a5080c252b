namespace CoreosDsl.Systemd.Tests.Values;

public class UnitNameTests
{
    [Theory]
    [InlineData("foo.service", "foo", null, UnitType.Service)]
    [InlineData("foo@.service", "foo", "", UnitType.Service)]
    [InlineData("foo@bar.service", "foo", "bar", UnitType.Service)]
    [InlineData("getty@tty1.service", "getty", "tty1", UnitType.Service)]
    [InlineData("a@b@c.timer", "a", "b@c", UnitType.Timer)]
    [InlineData("var-lib-my\\x2dapp.mount", "var-lib-my\\x2dapp", null, UnitType.Mount)]
    [InlineData("foo.service.service", "foo.service", null, UnitType.Service)]
    [InlineData("-.mount", "-", null, UnitType.Mount)]
    [InlineData("system-getty.slice", "system-getty", null, UnitType.Slice)]
    public void ParsesTheThreeShapes(string text, string prefix, string? instance, UnitType type)
    {
        var name = UnitName.Parse(text);
        Assert.Equal(text, name.Value);
        Assert.Equal(text, name.ToString());
        Assert.Equal(prefix, name.Prefix);
        Assert.Equal(instance, name.Instance);
        Assert.Equal(type, name.Type);
        Assert.Equal(instance == "", name.IsTemplate);
        Assert.Equal(instance is { Length: > 0 }, name.IsInstance);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("foo", "no type suffix")]
    [InlineData("foo.bar", "'.bar' is not a unit type")]
    [InlineData(".service", "the name before the type suffix is empty")]
    [InlineData("@x.service", "the prefix before '@' is empty")]
    [InlineData("a b.service", "' ' at column 2 is not allowed")]
    [InlineData("caf\u00e9.service", "at column 4 is not allowed")]
    [InlineData("foo@bar.mount", "only service, socket, target, timer and path units can be templates")]
    [InlineData("foo@.slice", "only service, socket, target, timer and path units can be templates")]
    public void RefusalsNameTheRule(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => UnitName.Parse(text));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLimitIs255Bytes()
    {
        Assert.True(UnitName.TryParse(new string('a', 247) + ".service", out _, out _));
        Assert.False(UnitName.TryParse(new string('a', 248) + ".service", out _, out var error));
        Assert.Contains("256 bytes long; the limit is 255", error, StringComparison.Ordinal);
    }

    [Fact]
    public void SuffixesAndTemplates()
    {
        Assert.Equal(["service", "socket", "target", "device", "mount", "automount", "swap", "timer", "path", "slice", "scope"],
            Enum.GetValues<UnitType>().Select(UnitName.Suffix));
        Assert.True(UnitName.MayBeTemplate(UnitType.Path));
        Assert.False(UnitName.MayBeTemplate(UnitType.Mount));
    }

    [Fact]
    public void FromPathNamesMountsSwapsAndDevices()
    {
        Assert.Equal("var-lib-docker.mount", UnitName.FromPath("/var/lib/docker", UnitType.Mount).Value);
        Assert.Equal("var-lib-my\\x2dapp.automount", UnitName.FromPath("/var/lib/my-app/", UnitType.Automount).Value);
        Assert.Equal("-.mount", UnitName.FromPath("/", UnitType.Mount).Value);
        Assert.Equal("dev-disk-by\\x2dlabel-SWAP.swap", UnitName.FromPath("/dev/disk/by-label/SWAP", UnitType.Swap).Value);
        Assert.Equal("dev-sda1.device", UnitName.FromPath("/dev/sda1", UnitType.Device).Value);
        Assert.Throws<ArgumentException>(() => UnitName.FromPath("var/lib", UnitType.Mount));
        Assert.Throws<ArgumentException>(() => UnitName.FromPath("/var/../lib", UnitType.Mount));
        Assert.Throws<ArgumentException>(() => UnitName.FromPath("/var/lib", UnitType.Service));
        Assert.Throws<ArgumentException>(() => UnitName.Escape("\ud800"));
    }
}
