using System.Text.Json.Nodes;

namespace CoreosDsl.Ignition.Tests;

public class WriterTests
{
    [Fact]
    public void Keys_follow_the_spec_order_whatever_order_they_were_set_in()
    {
        var config = IgnitionConfig.Create(c => c
            .Systemd(s => s.Unit("a.service", u => u.Mask().Enabled(false)))
            .Storage(s => s.File("/etc/x", f => f.Mode("0600").Overwrite().Contents(r => r.Inline("x")))));

        Assert.Equal(
            """{"ignition":{"version":"3.3.0"},"storage":{"files":[{"contents":{"source":"data:,x"},"mode":384,"overwrite":true,"path":"/etc/x"}]},"systemd":{"units":[{"enabled":false,"mask":true,"name":"a.service"}]}}""",
            config.ToJson());
    }

    [Fact]
    public void Strings_are_escaped_as_Go_escapes_them()
    {
        var root = new JsonObject { ["ignition"] = new JsonObject { ["version"] = "a<b>&\"\\\n\t\u0001\u2028é😀" } };

        Assert.Equal("""{"ignition":{"version":"a\u003cb\u003e\u0026\"\\\n\t\u0001\u2028é😀"}}""", IgnitionJsonWriter.Write(root));
    }

    [Fact]
    public void Configuring_an_item_twice_refines_it_instead_of_adding_a_second()
    {
        var config = IgnitionConfig.Create(c => c
            .Storage(s => s.File("/etc/x", f => f.Mode("0600")))
            .Storage(s => s.File("/etc/x", f => f.Overwrite())));

        var files = (JsonArray)config.Root["storage"]!["files"]!;
        Assert.Single(files);
        Assert.True((bool)files[0]!["overwrite"]!);
    }

    [Fact]
    public void A_string_listed_twice_for_one_item_is_written_once()
    {
        // A user configured in two places, both naming "wheel": Ignition refuses a duplicate group.
        var config = IgnitionConfig.Create(c => c
            .Passwd(p => p.User("ops", u => u.Groups("wheel")))
            .Passwd(p => p.User("ops", u => u.Groups("wheel", "docker", "docker"))));

        var groups = config.Root["passwd"]!["users"]![0]!["groups"]!.AsArray().Select(g => (string)g!);
        Assert.Equal(["wheel", "docker"], groups);
    }

    [Fact]
    public void Modes_are_written_as_the_decimal_number_of_the_octal_mode()
    {
        var config = IgnitionConfig.Create(c => c.Storage(s => s
            .File("/a", f => f.Mode("0644"))
            .Directory("/b", d => d.Mode(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead))));

        Assert.Contains("\"mode\":420", config.ToJson());
        Assert.Contains("\"mode\":480", config.ToJson());
    }
}
