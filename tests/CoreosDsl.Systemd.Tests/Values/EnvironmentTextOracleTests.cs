using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// <see cref="DirectiveValue.EnvironmentText"/> reads a whole <c>Environment=</c> value (raw unit text, drop-ins)
/// as systemd does: <c>systemd-analyze verify</c> complains about exactly the values it refuses.
/// </summary>
public class EnvironmentTextOracleTests
{
    /// <summary>Values of Environment= and whether systemd keeps every assignment in them.</summary>
    public static readonly (string Value, bool Valid)[] Cases =
    [
        ("A=1", true),
        ("GREETING=hi", true),
        ("\"A=one two\" B=3", true),
        ("A=\"one two\"", true),
        ("'A=single quoted' _B=", true),
        ("A= B= C=", true),
        ("PATH=/usr/local/bin:/usr/bin:/bin", true),
        ("ETCD_OPTS=--name=a --peer-urls=http://10.0.0.1:2380".Replace(" ", "\\x20", StringComparison.Ordinal), true),
        ("A=x=y", true),
        ("A=100%% HOST=%H UNIT=%n", true),
        ("A=$B", true),
        ("A=caf\u00e9", true),
        ("\"A=line\\nbreak\" B=tab\\tx", true),
        ("DOCKER_OPTS=\"--insecure-registry=10.0.0.0/8 --log-level=warn\"", true),
        ("1VAR=x", false),
        ("A-B=1", false),
        ("NOEQUALS", false),
        ("A=1 B", false),
        ("=x", false),
        ("\"A=unterminated", false),
        ("A=%z", false),
        ("A=\\x00", false),
    ];

    [Fact]
    [Trait("Category", "Oracle")]
    public void SystemdRefusesExactlyTheValuesEnvironmentTextRefuses()
    {
        var units = Cases.Select((c, i) => ($"e{i}.service", $"[Service]\nType=oneshot\nExecStart=/bin/true\nEnvironment={c.Value}\n"))
            .ToDictionary(u => u.Item1, u => u.Item2, StringComparer.Ordinal);
        var verify = SystemdVerify.Run(units);

        for (var i = 0; i < Cases.Length; i++)
        {
            var (value, valid) = Cases[i];
            var systemd = verify.MessagesAbout($"e{i}.service", 4);
            string? ours = null;
            try
            {
                DirectiveValue.EnvironmentText(value);
            }
            catch (FormatException e)
            {
                ours = e.Message;
            }

            Assert.True(valid == (systemd.Count == 0), $"Environment={value}: systemd says {string.Join(" / ", systemd)}");
            Assert.True(valid == (ours is null), $"Environment={value}: we say {ours}");
        }
    }

    [Fact]
    public void WhatTheTypedBuildersWriteIsRead()
    {
        foreach (var value in UnitFileVerifyTests.Hostile)
        {
            var line = DirectiveValue.Environment(("E", value));
            Assert.Equal(line, DirectiveValue.EnvironmentText(line));
        }

        var all = DirectiveValue.Environment(UnitFileVerifyTests.Hostile.Select((v, i) => new EnvironmentAssignment($"E{i}", v)));
        Assert.Equal(all, DirectiveValue.EnvironmentText(all));
    }

    [Theory]
    [InlineData("1VAR=x", "\"1VAR\" at column 1 is not an environment variable name")]
    [InlineData("A=1 B", "the word at column 5 has no '='")]
    public void RefusalsNameTheWordAndTheFix(string value, string reason)
    {
        var e = Assert.Throws<FormatException>(() => DirectiveValue.EnvironmentText(value));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
