extern alias analyzers;

using CoreosDsl.Systemd;
using StockUnits = analyzers::CoreosDsl.Rules.StockUnits;
using TargetOs = analyzers::CoreosDsl.Rules.TargetOs;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>The stock unit lists the reference rules read.</summary>
public class StockUnitsTests
{
    [Theory]
    [InlineData("flatcar")]
    [InlineData("coreos")]
    public void EveryListedNameIsAValidUnitName(string os)
    {
        Assert.True(StockUnits.TryParseOs(os, out var targetOs));
        var names = StockUnits.For(targetOs).Names.ToList();

        Assert.True(names.Count > 200);
        Assert.All(names, n => Assert.True(UnitName.TryParse(n, out _, out var error), error));
    }

    [Theory]
    [InlineData("multi-user.target", true, true)]
    [InlineData("docker.service", true, true)]
    [InlineData("locksmithd.service", true, true)]
    [InlineData("update-engine.service", true, true)]
    [InlineData("systemd-networkd.service", true, true)]
    [InlineData("getty@tty1.service", true, true)]
    [InlineData("sshd@0-10.0.0.1:22-10.0.0.2:5555.service", true, true)]
    [InlineData("fleet.service", true, false)]
    [InlineData("etcd2.service", true, false)]
    [InlineData("etcd-member.service", true, true)]
    [InlineData("oem.mount", false, true)]
    [InlineData("no-such.service", false, false)]
    [InlineData("getty@.target", false, false)]
    public void TheListsKnowTheUnitsEachOsShips(string name, bool coreos, bool flatcar)
    {
        Assert.Equal(coreos, StockUnits.For(TargetOs.CoreOS).Contains(name));
        Assert.Equal(flatcar, StockUnits.For(TargetOs.Flatcar).Contains(name));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void TheSystemdListMatchesTheUnitsThisMachinesSystemdShips()
    {
        // The upstream part of systemd.txt was taken from systemd 252's packages; each of those files is on this
        // machine (the oracle systemd the tests run), in /lib/systemd/system or /usr/lib/systemd/system.
        var listed = File.ReadLines(Path.Combine(CoreosDsl.Tests.Shared.TestPaths.RepoRoot, "src", "Shared", "Rules", "StockUnits", "systemd.txt"))
            .TakeWhile(l => l != "dbus.service")
            .Where(l => l.Length > 0 && l[0] != '#')
            .ToList();
        CoreosDsl.Tests.Shared.ExternalTool.Require("systemd-analyze");

        Assert.True(listed.Count > 150);
        Assert.All(listed, name => Assert.True(
            File.Exists(Path.Combine("/lib/systemd/system", name)) || File.Exists(Path.Combine("/usr/lib/systemd/system", name)),
            $"{name} is not a unit file of this machine's systemd"));
    }
}
