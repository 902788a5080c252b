using CoreosDsl.Tests.Shared;
using System.Globalization;
using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Percentages and nanosecond spans against <c>systemd-analyze verify</c>: <c>CPUQuota=</c> is dumped as
/// microseconds of CPU time per second (1‱ = 100µs), <c>ManagedOOMMemoryPressureLimit=</c> as a percentage with
/// two decimals, and <c>TimerSlackNSec=</c> (systemd's <c>parse_nsec()</c>) in nanoseconds.
/// </summary>
[Trait("Category", "Oracle")]
public class PercentAndNanosecondOracleTests
{
    public static readonly string[] Percentages =
    [
        "50%", "12.5%", "12.34%", "1%", "0.01%", "100%", "150%", "200%", "1000%", "99.99%", "0.1%", "1.5\u2030", "15\u2030",
        "999\u2030", "7\u2031", "10000\u2031", "21474836.47%", "12.345%", "1.55\u2030", "7.5\u2031", "5", "%", ".5%", "5.%",
        "5 %", "-5%", "50%%", "5,5%", "five%", "21474836.48%", "1e2%", "\uff15%", "0%",
    ];

    /// <summary>Forms systemd reads but this library refuses on purpose, with the reason.</summary>
    public static readonly (string Text, string Why)[] DeliberatelyRefused =
    [
        ("010%", "C base detection reads 010 as octal 8"),
        ("0x10%", "C base detection reads 0x10 as hexadecimal 16"),
        ("+5%", "a sign is never needed"),
    ];

    [Fact]
    public void PercentagesAgreeWithSystemd()
    {
        string[] all = [.. Percentages, .. DeliberatelyRefused.Select(d => d.Text)];
        var units = all.Select((p, i) => ($"p{i}.service", $"[Service]\nExecStart=/bin/true\nCPUQuota={p}\nManagedOOMMemoryPressureLimit={p}\n"))
            .ToDictionary(u => u.Item1, u => u.Item2);
        var verify = SystemdVerify.Run(units);
        var failures = new StringBuilder();
        for (var i = 0; i < all.Length; i++)
        {
            var unit = $"p{i}.service";
            var ok = Percent.TryParse(all[i], out var ours, out var error);
            var deliberate = DeliberatelyRefused.Any(d => d.Text == all[i]);

            // CPUQuota= takes any percentage above 0: its dump gives the exact value (in 1/100 of a permille).
            var quotaRefused = verify.MessagesAbout(unit, 3).Count > 0;
            var quota = quotaRefused ? (decimal?)null : SystemdTimeSpan.Parse(verify.DumpValues(unit, "CPUQuotaPerSecSec").Single()).Ticks / 10 / 100 / 100m;
            var expectedQuota = ok && ours.Value > 0 ? ours.Value : (decimal?)null;
            if (deliberate)
            {
                if (ok || quota is null)
                {
                    failures.AppendLine($"{all[i]}: meant to be a form systemd reads ({quota}) and we refuse ({(ok ? ours : error)})");
                }
            }
            else if (quota != expectedQuota)
            {
                failures.AppendLine($"{all[i]}: CPUQuota= gives {quota?.ToString(CultureInfo.InvariantCulture) ?? "invalid"}%, we parse {(ok ? ours : error)}");
            }

            // ManagedOOMMemoryPressureLimit= takes 0..100%.
            var limitRefused = verify.MessagesAbout(unit, 4).Count > 0;
            if (!deliberate && !limitRefused != (ok && ours.Value <= 100))
            {
                failures.AppendLine($"{all[i]}: ManagedOOMMemoryPressureLimit= {(limitRefused ? "refuses" : "accepts")} it, we parse {(ok ? ours : error)}");
            }
            else if (!deliberate && !limitRefused && verify.DumpValues(unit, "ManagedOOMMemoryPressureLimit").Single() != ours.Value.ToString("0.00", CultureInfo.InvariantCulture) + "%")
            {
                failures.AppendLine($"{all[i]}: ManagedOOMMemoryPressureLimit= dumps {verify.DumpValues(unit, "ManagedOOMMemoryPressureLimit").Single()}, we parse {ours}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void FormattedRandomPercentagesAreReadBackExactly()
    {
        Gen.Int[1, 2_000_000].Select(n => new Percent(n / 100m)).Array[40].Sample(batch =>
        {
            var units = batch.Select((p, i) => ($"r{i}.service", $"[Service]\nExecStart=/bin/true\nCPUQuota={p}\n")).ToDictionary(u => u.Item1, u => u.Item2);
            var verify = SystemdVerify.Run(units);
            for (var i = 0; i < batch.Length; i++)
            {
                var quota = SystemdTimeSpan.Parse(verify.DumpValues($"r{i}.service", "CPUQuotaPerSecSec").Single()).Ticks / 10 / 100 / 100m;
                Assert.Equal(batch[i].Value, quota);
                Assert.True(Percent.TryParse(batch[i].ToString(), out var back, out _) && back == batch[i], batch[i].ToString());
            }
        }, iter: 1, threads: 1);
    }

    public static readonly string[] Nanoseconds =
    [
        "0", "1", "50", "1ns", "1nsec", "1us", "1.5us", "1\u00b5s", "1ms", "1s", "1.000000001s", "1min", "0.5ns", "1.5", "1h 1ns",
        "2.5ms 3ns", "1y", "18446744073709551614", "18446744073709551615", "9223372036854775807ns", "584y", "585y", "-1",
        "1x", "ns", "", "infinity", "5 ns", "5NS",
    ];

    [Fact]
    public void NanosecondSpansAgreeWithSystemd()
    {
        var unit = new StringBuilder("[Service]\nExecStart=/bin/true\n");
        var units = Nanoseconds.Where(n => n.Length > 0 && n != "infinity")
            .Select((n, i) => (Name: $"n{i}.service", Text: n))
            .ToList();
        var verify = SystemdVerify.Run(units.ToDictionary(u => u.Name, u => $"[Service]\nExecStart=/bin/true\nTimerSlackNSec={u.Text}\n"));
        var failures = new StringBuilder();
        foreach (var (name, text) in units)
        {
            var refused = verify.MessagesAbout(name, 3).Count > 0;
            var dumped = verify.DumpValues(name, "TimerSlackNSec");
            ulong? systemd = refused || dumped.Count == 0 ? null : ulong.Parse(dumped.Single(), CultureInfo.InvariantCulture);
            var ok = SystemdTimeSpan.TryParseNanoseconds(text, out var ns, out var error);
            if (systemd != (ok ? ns : null))
            {
                failures.AppendLine($"{text}: systemd reads {systemd?.ToString(CultureInfo.InvariantCulture) ?? "invalid"}, we read {(ok ? ns : error)}");
            }

            // The TimeSpan API agrees where 100ns ticks can hold the value.
            if (ok && ns % 100 == 0 && ns / 100 <= long.MaxValue)
            {
                Assert.Equal(TimeSpan.FromTicks((long)(ns / 100)), SystemdTimeSpan.Parse(text, TimeSpanDefaultUnit.Nanoseconds));
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }
}
