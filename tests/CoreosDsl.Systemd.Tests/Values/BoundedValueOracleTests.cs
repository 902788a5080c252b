using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Numbers with a range (<c>Nice=</c>, <c>OOMScoreAdjust=</c> ...), <c>CPUQuota=</c>, resource limits and socket
/// addresses: <c>systemd-analyze verify</c> complains about exactly the values <see cref="DirectiveValue"/>'s checks
/// refuse (the checks the builders, the analyzers and <c>Validate()</c> share).
/// </summary>
public class BoundedValueOracleTests
{
    /// <summary>Service directives: (directive, value, check, valid).</summary>
    public static readonly (string Directive, string Value, Func<string, string?> Check, bool Valid)[] ServiceCases =
    [
        ("Nice", "19", v => DirectiveValue.RangeProblem(v, -20, 19), true),
        ("Nice", "-20", v => DirectiveValue.RangeProblem(v, -20, 19), true),
        ("Nice", "20", v => DirectiveValue.RangeProblem(v, -20, 19), false),
        ("Nice", "-21", v => DirectiveValue.RangeProblem(v, -20, 19), false),
        ("Nice", "five", v => DirectiveValue.RangeProblem(v, -20, 19), false),
        ("OOMScoreAdjust", "-1000", v => DirectiveValue.RangeProblem(v, -1000, 1000), true),
        ("OOMScoreAdjust", "1000", v => DirectiveValue.RangeProblem(v, -1000, 1000), true),
        ("OOMScoreAdjust", "1001", v => DirectiveValue.RangeProblem(v, -1000, 1000), false),
        ("IOSchedulingPriority", "7", v => DirectiveValue.RangeProblem(v, 0, 7), true),
        ("IOSchedulingPriority", "8", v => DirectiveValue.RangeProblem(v, 0, 7), false),
        ("CPUSchedulingPriority", "99", v => DirectiveValue.RangeProblem(v, 0, 99), true),
        ("CPUSchedulingPriority", "100", v => DirectiveValue.RangeProblem(v, 0, 99), false),
        ("CPUQuota", "150%", DirectiveValue.CpuQuotaProblem, true),
        ("CPUQuota", "12.5%", DirectiveValue.CpuQuotaProblem, true),
        ("CPUQuota", "1%", DirectiveValue.CpuQuotaProblem, true),
        ("CPUQuota", "150", DirectiveValue.CpuQuotaProblem, false),
        ("CPUQuota", "0%", DirectiveValue.CpuQuotaProblem, false),
        ("CPUQuota", "-5%", DirectiveValue.CpuQuotaProblem, false),
        ("CPUQuota", "1.234%", DirectiveValue.CpuQuotaProblem, false),
        ("LimitNOFILE", "65536", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), true),
        ("LimitNOFILE", "1024:65536", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), true),
        ("LimitNOFILE", "infinity", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), true),
        ("LimitNOFILE", "1024:infinity", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), true),
        ("LimitNOFILE", "65536:1024", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), false),
        ("LimitNOFILE", "infinity:1024", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), false),
        ("LimitNOFILE", "64K", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), false),
        ("LimitNOFILE", "lots", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), false),
        ("LimitNPROC", "4096", v => DirectiveValue.ResourceLimitProblem(v, "rlimit"), true),
        ("LimitCORE", "0", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-bytes"), true),
        ("LimitCORE", "1G", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-bytes"), true),
        ("LimitMEMLOCK", "64M:infinity", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-bytes"), true),
        ("LimitMEMLOCK", "1G:64M", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-bytes"), false),
        ("LimitCORE", "1GB", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-bytes"), false),
        ("LimitCPU", "30", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-seconds"), true),
        ("LimitCPU", "1h", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-seconds"), true),
        ("LimitCPU", "1h:30min", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-seconds"), false),
        ("LimitCPU", "soon", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-seconds"), false),
        ("LimitRTTIME", "500ms", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-usec"), true),
        ("LimitNICE", "-5", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-nice"), true),
        ("LimitNICE", "+10", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-nice"), true),
        ("LimitNICE", "40", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-nice"), true),
        ("LimitNICE", "41", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-nice"), false),
        ("LimitNICE", "-21", v => DirectiveValue.ResourceLimitProblem(v, "rlimit-nice"), false),
    ];

    /// <summary>Socket directives: (directive, value, check, valid).</summary>
    public static readonly (string Directive, string Value, Func<string, string?> Check, bool Valid)[] SocketCases =
    [
        ("ListenStream", "8080", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "0.0.0.0:8080", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "127.0.0.1:80", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "[::]:8080", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "[::1]:443", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "/run/app.sock", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "@app", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "vsock:2:1234", DirectiveValue.ListenAddressProblem, true),
        ("ListenDatagram", "0.0.0.0:514", DirectiveValue.ListenAddressProblem, true),
        ("ListenStream", "0.0.0.0:99999", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "0", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "localhost:80", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "300.0.0.1:80", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "::1:80", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "[::1]", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "run/app.sock", DirectiveValue.ListenAddressProblem, false),
        ("ListenStream", "http", DirectiveValue.ListenAddressProblem, false),
        ("ListenSequentialPacket", "/run/seq.sock", DirectiveValue.UnixListenAddressProblem, true),
        ("ListenSequentialPacket", "@seq", DirectiveValue.UnixListenAddressProblem, true),
        ("ListenSequentialPacket", "8080", DirectiveValue.UnixListenAddressProblem, false),
    ];

    [Fact]
    [Trait("Category", "Oracle")]
    public void SystemdRefusesExactlyTheServiceValuesWeRefuse()
    {
        var units = ServiceCases.Select((c, i) => ($"b{i}.service", $"[Service]\nType=oneshot\nExecStart=/bin/true\n{c.Directive}={c.Value}\n"))
            .ToDictionary(u => u.Item1, u => u.Item2, StringComparer.Ordinal);
        var verify = SystemdVerify.Run(units);
        Assert.All(ServiceCases.Select((c, i) => (c, i)), x => Agree(x.c, verify.MessagesAbout($"b{x.i}.service", 4)));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void SystemdRefusesExactlyTheSocketAddressesWeRefuse()
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < SocketCases.Length; i++)
        {
            units[$"s{i}.socket"] = $"[Socket]\n{SocketCases[i].Directive}={SocketCases[i].Value}\n";
            units[$"s{i}.service"] = "[Service]\nExecStart=/bin/true\n";
        }

        var verify = SystemdVerify.Run(units);
        Assert.All(SocketCases.Select((c, i) => (c, i)), x => Agree(x.c, verify.MessagesAbout($"s{x.i}.socket", 2)));
    }

    [Fact]
    public void TheBuildersFormattersThrowWhatTheChecksSay()
    {
        Assert.Equal("-20", DirectiveValue.Ranged(-20, -20, 19));
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => DirectiveValue.Ranged(20, -20, 19));
        Assert.StartsWith(DirectiveValue.RangeProblem("20", -20, 19)!, range.Message, StringComparison.Ordinal);
        Assert.Equal("7", DirectiveValue.Ranged(7UL, 0UL, 7UL));
        Assert.Throws<ArgumentOutOfRangeException>(() => DirectiveValue.Ranged(8UL, 0UL, 7UL));
        Assert.Equal("150%", DirectiveValue.CpuQuota(new Percent(150)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DirectiveValue.CpuQuota(new Percent(0)));
        Assert.Equal("1024:65536", DirectiveValue.ResourceLimit("1024:65536", "rlimit"));
        Assert.Equal(DirectiveValue.ResourceLimitProblem("65536:1024", "rlimit"), Assert.Throws<FormatException>(() => DirectiveValue.ResourceLimit("65536:1024", "rlimit")).Message);
        Assert.Equal(DirectiveValue.ListenAddressProblem("localhost:80"), Assert.Throws<FormatException>(() => DirectiveValue.ListenAddress("localhost:80")).Message);
        Assert.True(DirectiveValue.TryParseRangeSyntax("range:-1000..1000", out var min, out var max));
        Assert.Equal((-1000L, 1000L), (min, max));
        Assert.False(DirectiveValue.TryParseRangeSyntax("rlimit", out _, out _));
    }

    private static void Agree((string Directive, string Value, Func<string, string?> Check, bool Valid) c, IReadOnlyList<string> systemd)
    {
        var ours = c.Check(c.Value);
        Assert.True(c.Valid == (systemd.Count == 0), $"{c.Directive}={c.Value}: systemd says '{string.Join(" / ", systemd)}' (expected {(c.Valid ? "valid" : "refused")})");
        Assert.True(c.Valid == (ours is null), $"{c.Directive}={c.Value}: we say '{ours}' (expected {(c.Valid ? "valid" : "refused")})");
    }
}
