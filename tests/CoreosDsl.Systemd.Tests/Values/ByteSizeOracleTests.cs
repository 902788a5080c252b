using CoreosDsl.Tests.Shared;
using System.Globalization;
using System.Text;
using CoreosDsl.Systemd.Tests.Values.Oracles;
using CsCheck;

namespace CoreosDsl.Systemd.Tests.Values;

/// <summary>
/// Byte sizes against systemd's <c>parse_size()</c> as <c>systemd-analyze verify</c> shows it: the byte-valued
/// resource limits (<c>LimitCORE=</c> …) take base-1024 sizes and are dumped exactly; <c>IOReadBandwidthMax=</c>
/// takes base-1000 sizes (its dump is rounded, so only validity is compared there).
/// </summary>
[Trait("Category", "Oracle")]
public class ByteSizeOracleTests
{
    private static readonly string[] Limits = ["LimitFSIZE", "LimitDATA", "LimitSTACK", "LimitCORE", "LimitRSS", "LimitAS", "LimitMEMLOCK", "LimitMSGQUEUE"];

    /// <summary>Header lines of each generated unit; the limits start on the line after them.</summary>
    private const string Header = "[Service]\nExecStart=/bin/true\n";
    private const int FirstLimitLine = 3;

    private static readonly IReadOnlyList<string> Corpus = SystemdAnalyze.ReadCorpus("byte-sizes.txt");

    /// <summary>What systemd made of each size: the number of bytes, or null when it refused the value.</summary>
    private static IReadOnlyList<ulong?> SystemdReads(IReadOnlyList<string> sizes)
    {
        var units = new Dictionary<string, string>();
        var chunks = sizes.Chunk(Limits.Length).ToList();
        for (var u = 0; u < chunks.Count; u++)
        {
            var text = new StringBuilder(Header);
            for (var k = 0; k < chunks[u].Length; k++)
            {
                text.Append(Limits[k]).Append('=').Append(chunks[u][k]).Append('\n');
            }

            units[$"size{u}.service"] = text.ToString();
        }

        var verify = SystemdVerify.Run(units);
        var result = new List<ulong?>();
        for (var u = 0; u < chunks.Count; u++)
        {
            for (var k = 0; k < chunks[u].Length; k++)
            {
                var refused = verify.MessagesAbout($"size{u}.service", FirstLimitLine + k);
                result.Add(refused.Count > 0 ? null : ulong.Parse(verify.DumpValues($"size{u}.service", Limits[k]).Single(), CultureInfo.InvariantCulture));
            }
        }

        return result;
    }

    [Fact]
    public void CorpusAgreesWithSystemd()
    {
        var sizes = Corpus.Where(s => s.Length > 0).ToList(); // an empty Limit*= resets the limit instead of parsing
        var systemd = SystemdReads(sizes);
        Assert.True(systemd.Count(v => v is null) >= 20 && systemd.Count(v => v is not null) >= 40, "the corpus needs valid and invalid sizes");

        var failures = new StringBuilder();
        for (var i = 0; i < sizes.Count; i++)
        {
            var ok = ByteSize.TryParseBytes(sizes[i], ByteSizeBase.Base1024, out var bytes, out var error);

            // systemd reads "infinity" before parse_size() for these directives (it is RLIM_INFINITY); so does ByteSize.
            if (sizes[i] == "infinity")
            {
                ok = ByteSize.TryParse(sizes[i], ByteSizeBase.Base1024, out var value, out error) && value.IsInfinity;
                bytes = ulong.MaxValue;
            }

            // rlimits refuse 2^64-1 itself (it means infinity): a rule of the directive, not of parse_size().
            if (ok && bytes == ulong.MaxValue && sizes[i] != "infinity")
            {
                ok = false;
            }

            if (ok != systemd[i].HasValue || (ok && bytes != systemd[i]))
            {
                failures.AppendLine($"{Show(sizes[i])}: systemd reads {systemd[i]?.ToString(CultureInfo.InvariantCulture) ?? "invalid"}, we read {(ok ? bytes : error)}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void Base1000SizesAreValidWhereSystemdAgrees()
    {
        var sizes = Corpus.Where(s => s.Length > 0).ToList();
        var unit = new StringBuilder(Header);
        foreach (var size in sizes)
        {
            unit.Append("IOReadBandwidthMax=/dev/sda ").Append(size).Append('\n');
        }

        var verify = SystemdVerify.Run(new Dictionary<string, string> { ["io.service"] = unit.ToString() });
        var failures = new StringBuilder();
        for (var i = 0; i < sizes.Count; i++)
        {
            var systemdValid = verify.MessagesAbout("io.service", FirstLimitLine + i).Count == 0;

            // parse_size() over the full 64-bit range; the directive itself also refuses a limit of 0 bytes.
            var ok = ByteSize.TryParseBytes(sizes[i], ByteSizeBase.Base1000, out var bytes, out var error) && bytes > 0;
            if (sizes[i] == "infinity")
            {
                ok = ByteSize.Parse(sizes[i], ByteSizeBase.Base1000).IsInfinity; // the directive reads "infinity" itself
            }

            if (ok && bytes < long.MaxValue && sizes[i] != "infinity")
            {
                Assert.Equal((long)bytes, ByteSize.Parse(sizes[i], ByteSizeBase.Base1000).Bytes);
            }

            if (ok != systemdValid)
            {
                failures.AppendLine($"{Show(sizes[i])}: systemd says {(systemdValid ? "valid" : "invalid")}, we say {(ok ? "valid" : error ?? "0 bytes")}");
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public void FormattedRandomSizesAreReadBackExactlyBySystemd()
    {
        // Sizes of every magnitude, biased towards exact multiples of the suffixes.
        var gen = Gen.OneOf(
            Gen.Long[0, long.MaxValue - 1],
            Gen.Long[0, 1 << 20],
            Gen.Select(Gen.Long[0, 1 << 20], Gen.Int[0, 5], (n, power) => n << (10 * power)).Where(n => n is >= 0 and < long.MaxValue));
        gen.Select(ByteSize.FromBytes).Array[Limits.Length * 40].Sample(batch =>
        {
            var texts = batch.Select(b => b.Format()).ToList();
            var systemd = SystemdReads(texts);
            for (var i = 0; i < batch.Length; i++)
            {
                Assert.True(systemd[i] == (ulong)batch[i].Bytes, $"{batch[i].Bytes} formats as {texts[i]}, which systemd reads as {systemd[i]?.ToString(CultureInfo.InvariantCulture) ?? "invalid"}");
                Assert.Equal(batch[i], ByteSize.Parse(texts[i]));
                Assert.Equal(batch[i], ByteSize.Parse(batch[i].Format(ByteSizeBase.Base1000), ByteSizeBase.Base1000));
            }
        }, iter: 2, threads: 1);
    }

    [Fact]
    public void RandomSizesAgreeWithSystemd()
    {
        // Sizes built from the grammar (numbers, fractions, suffixes in and out of order, spaces), some mutated.
        var number = Gen.OneOf(Gen.Long[0, 5000].Select(n => n.ToString(CultureInfo.InvariantCulture)),
            Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99_999], (a, b) => $"{a}.{b}"), Gen.OneOf("0", ".5", "1.", "010", "18446744073709551615"));
        var part = Gen.Select(number, Gen.OneOf("", "", " "), Gen.OneOf("", "B", "K", "M", "G", "T", "P", "E", "k", "Ki"), (n, ws, s) => n + (s.Length > 0 ? ws : "") + s);
        var size = Gen.Select(part.Array[1, 3], Gen.OneOf(" ", ""), (p, sep) => string.Join(sep, p));
        var mutated = Gen.Select(size, Gen.Int[0, 9], Gen.Int[0, 1000], Gen.Char["-+. xK5"], (t, kind, at, c) =>
            kind > 0 || t.Length == 0 ? t : t.Insert(at % t.Length, c.ToString()))
            .Where(t => t.Length > 0 && t.Trim() == t && t != "infinity");
        mutated.Array[Limits.Length * 40].Sample(batch =>
        {
            var systemd = SystemdReads(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                var ok = ByteSize.TryParseBytes(batch[i], ByteSizeBase.Base1024, out var bytes, out var error) && bytes != ulong.MaxValue;
                Assert.True(ok == systemd[i].HasValue && (!ok || bytes == systemd[i]),
                    $"{Show(batch[i])}: systemd reads {systemd[i]?.ToString(CultureInfo.InvariantCulture) ?? "invalid"}, we read {(ok ? bytes : error ?? "2^64-1 (infinity for rlimits)")}");
            }

            Assert.True(systemd.Count(v => v.HasValue) >= 60 && systemd.Count(v => !v.HasValue) >= 20, "the random sizes need valid and invalid ones");
        }, iter: 2, threads: 1);
    }

    private static string Show(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
