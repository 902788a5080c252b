using System.IO.Compression;
using System.Text;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// User-data is bytes. The verdicts are those of Flatcar's coreos-cloudinit validator (8df59e8, built from source,
/// run on the same bytes after its own gunzip step); the lines are ours where its reader errors say line 1.
/// </summary>
public sealed class UserDataBytesTests
{
    private const CloudConfigDialect Flatcar = CloudConfigDialect.Flatcar;

    public static TheoryData<string, byte[], int, int, string> RefusedBytes => new()
    {
        { "invalid trailing octet", Bytes("#cloud-config\nhostname: \xc3\x28\n"), 2, 11, "invalid trailing UTF-8 octet" },
        { "invalid leading octet", Bytes("#cloud-config\nhostname: \xff\n"), 2, 11, "invalid leading UTF-8 octet" },
        { "lone continuation byte (a Latin-1 NEL)", Bytes("#cloud-config\nhostname: \"a\x0085b\"\n"), 2, 13, "invalid leading UTF-8 octet" },
        { "truncated sequence at the end", Bytes("#cloud-config\nhostname: \xe2\x82"), 2, 11, "incomplete UTF-8 octet sequence" },
        { "overlong slash", Bytes("#cloud-config\nhostname: \xc0\xaf\n"), 2, 11, "invalid length of a UTF-8 sequence" },
        { "overlong three bytes", Bytes("#cloud-config\nhostname: \xe0\x80\xaf\n"), 2, 11, "invalid length of a UTF-8 sequence" },
        { "encoded surrogate", Bytes("#cloud-config\nhostname: \xed\xa0\x80\n"), 2, 11, "invalid Unicode character" },
        { "beyond U+10FFFF", Bytes("#cloud-config\nhostname: \xf4\x90\x80\x80\n"), 2, 11, "invalid Unicode character" },
        { "NUL", Bytes("#cloud-config\nhostname: a\x00\n"), 2, 12, "control characters are not allowed" },
        { "DEL", Bytes("#cloud-config\nhostname: a\x7f\n"), 2, 12, "control characters are not allowed" },
        { "ESC of a colour code", Bytes("#cloud-config\nhostname: a\x1b[31m\n"), 2, 12, "control characters are not allowed" },
        { "C1 control", Bytes("#cloud-config\nhostname: a\xc2\x9b\n"), 2, 12, "control characters are not allowed" },
        { "U+FFFE", Bytes("#cloud-config\nhostname: a\xef\xbf\xbe\n"), 2, 12, "control characters are not allowed" },
        { "in a comment too", Bytes("#cloud-config\n# \x01\nhostname: a\n"), 2, 3, "control characters are not allowed" },
        { "gzip'd, invalid inside", Gzip(Bytes("#cloud-config\nhostname: \xff\n")), 2, 11, "invalid leading UTF-8 octet" },
    };

    [Theory]
    [MemberData(nameof(RefusedBytes))]
    public void Bytes_the_YAML_reader_refuses_are_located_errors(string name, byte[] userData, int line, int column, string problem)
    {
        var report = CloudConfigValidator.Validate(userData, Flatcar);

        var error = Assert.Single(report.Entries, e => e.Severity == ValidationSeverity.Error);
        Assert.Equal(UserDataKind.CloudConfig, report.Kind);
        Assert.Equal(ValidationRuleIds.YamlCharacters, error.RuleId);
        Assert.True((line, column) == (error.Line, error.Column), $"{name}: {error.Line}:{error.Column}");
        Assert.StartsWith(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.ExitCode());
    }

    [Fact]
    public void Text_is_held_to_the_same_rules()
    {
        foreach (var (text, line, column) in new[] { ("#cloud-config\nhostname: a\u0000\n", 2, 12), ("#cloud-config\nhostname: \"" + '\ud800' + "\"\n", 2, 12) })
        {
            var error = Assert.Single(CloudConfigValidator.Validate(text, Flatcar).Entries, e => e.Severity == ValidationSeverity.Error);
            Assert.Equal((ValidationRuleIds.YamlCharacters, line, column), (error.RuleId, error.Line, error.Column));
        }
    }

    [Theory]
    [InlineData("#cloud-config\nhostname: h\u00e9llo \ud83d\ude80\n")]
    [InlineData("#cloud-config\r\nhostname: a\t# tab before a comment\r\n")]
    [InlineData("#cloud-config\nwrite_files:\n  - path: /etc/x\n    content: \"\\x00\\x7f escaped is fine\"\n")]
    public void Valid_UTF8_with_allowed_characters_passes(string text)
    {
        Assert.Empty(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), Flatcar).Entries);
    }

    [Fact]
    public void Gzipped_cloud_config_is_unpacked()
    {
        var report = CloudConfigValidator.Validate(Gzip(Encoding.UTF8.GetBytes("#cloud-config\ncoreos:\n  update:\n    reboot_strategy: sometimes\n")), Flatcar);

        Assert.Equal(UserDataKind.CloudConfig, report.Kind);
        Assert.Equal("line 4: error: invalid value sometimes", Assert.Single(report.Entries).ToString());
    }

    [Fact]
    public void Gzipped_script_is_a_script()
    {
        var report = CloudConfigValidator.Validate(Gzip(Bytes("#!/bin/sh\necho \xff\n")), Flatcar);

        Assert.Equal(UserDataKind.Script, report.Kind);
        Assert.Empty(report.Entries);
    }

    [Fact]
    public void A_broken_gzip_header_is_an_error_in_our_own_words()
    {
        // coreos-cloudinit -validate says nothing here (Go's reader unpacks nothing and it validates the empty result),
        // but at boot it applies nothing.
        var error = Assert.Single(CloudConfigValidator.Validate(Bytes("\x1f\x8bjunk"), Flatcar).Entries);

        Assert.Equal(ValidationRuleIds.Gzip, error.RuleId);
        Assert.Equal(ValidationSeverity.Error, error.Severity);
        Assert.StartsWith("the user-data starts with the gzip magic (1f 8b) but is not a complete gzip stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_is_checked_as_far_as_it_unpacks_with_a_warning()
    {
        // coreos-cloudinit validates and applies the prefix Go's reader unpacked before the stream ended.
        var config = "#cloud-config\ncoreos:\n  update:\n    reboot_strategy: sometimes\n" + new string('#', 5000);
        var whole = Gzip(Encoding.UTF8.GetBytes(config));

        var report = CloudConfigValidator.Validate(whole[..^12], Flatcar);

        Assert.Equal(UserDataKind.CloudConfig, report.Kind);
        Assert.Equal(ValidationRuleIds.Gzip, report.Entries[0].RuleId);
        Assert.Equal(ValidationSeverity.Warning, report.Entries[0].Severity);
        Assert.Contains("the gzip stream ends early", report.Entries[0].Message, StringComparison.Ordinal);
        var prefixError = Assert.Single(report.Entries, e => e.Severity == ValidationSeverity.Error);
        Assert.Equal(4, prefixError.Line);
        Assert.Empty(CloudConfigValidator.Validate(Gzip(Encoding.UTF8.GetBytes("#cloud-config\nhostname: a\n")), Flatcar).Entries);
    }

    [Fact]
    public void A_gzip_bomb_is_bounded()
    {
        var zeros = new MemoryStream();
        using (var gzip = new GZipStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < 40; i++)
            {
                gzip.Write(block);
            }
        }

        var error = Assert.Single(CloudConfigValidator.Validate(zeros.ToArray(), Flatcar).Entries);

        Assert.Equal(ValidationRuleIds.Gzip, error.RuleId);
        Assert.Contains("unpacks to more than 32 MiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "UTF-8 byte order mark")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "UTF-16")]
    public void A_byte_order_mark_fails_the_header_and_says_why(byte[] bom, string why)
    {
        var body = bom.Length == 2 ? Encoding.Unicode.GetBytes("#cloud-config\nhostname: a\n") : Encoding.UTF8.GetBytes("#cloud-config\nhostname: a\n");

        var error = Assert.Single(CloudConfigValidator.Validate([.. bom, .. body], Flatcar).Entries);

        Assert.Equal((ValidationRuleIds.Header, 1), (error.RuleId, error.Line));
        Assert.StartsWith("must be \"#cloud-config\", multipart mime or begin with \"#!\" (", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UTF16_without_a_byte_order_mark_is_named_too()
    {
        var error = Assert.Single(CloudConfigValidator.Validate(Encoding.BigEndianUnicode.GetBytes("#cloud-config\nhostname: a\n"), Flatcar).Entries);

        Assert.Contains("looks like UTF-16", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#cloud-config\ncoreos:\n\tunits: []\n", 3, 1)]
    [InlineData("#cloud-config\ncoreos:\n  units:\n  - name: a\n\t  command: start\n", 5, 1)]
    [InlineData("#cloud-config\nhostname: a\nusers:\n  - name: b\n   \tgroups: [c]\n", 5, 4)]
    public void Tab_indentation_is_reported_at_the_tab(string text, int line, int column)
    {
        var error = Assert.Single(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), Flatcar).Entries, e => e.Severity == ValidationSeverity.Error);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#cloud-config\na: [b\nc: d\n")]
    [InlineData("#cloud-config\n...\nhostname: a\n")]
    [InlineData("#cloud-config\na: {b: [c}\n")]
    public void Syntax_errors_carry_no_third_party_text(string text)
    {
        var error = Assert.Single(CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(text), Flatcar).Entries, e => e.Severity == ValidationSeverity.Error);

        Assert.DoesNotContain("YamlDotNet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("current state of the object", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("scanner", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Source_lines_are_rendered_without_their_control_characters()
    {
        var report = CloudConfigValidator.Validate(Bytes("#cloud-config\nhostname: a\x1b[31m\n"), Flatcar);

        var rendered = report.Render("x.yml");

        Assert.DoesNotContain('\u001b', rendered);
        Assert.Contains("2 | hostname: a\ufffd[31m\n  |            ^\n", rendered, StringComparison.Ordinal);
    }

    private static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
