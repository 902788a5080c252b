using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace CoreosDsl.Testing.Tests;

/// <summary>
/// Scrubbers run before comparing and before received files are written: key material by default, opt-in
/// built-ins, custom ones per call and globally. Keys below were made with ssh-keygen and openssl for these tests.
/// </summary>
public sealed class ScrubberTests : IDisposable
{
    private const string Ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPBOkp3zXIb4tbkqJLO7iITaYgZa/FNX6rN+XB/kV64R alice@example.com";
    private const string Rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCj24PDZ099oURYKoS48kHsdQsa6ZNTyOIWLBPtQKUM8YCuIB7gjoI0uPkIN/0WZcWLBh6HuhqkbAADrWb4K5K0VuEBch2KDUZoekJHJ4mmPwchCMycqFXtRtJzo/BDHTGvobDiWHgOdyU5qd+QLRm2GmBmyKwxfq9sbPTkTSYuXQ== bob@example.com";
    private const string Ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHdlOcwpjGj8MNr07oIvQa1CYwYGzKWhmi092zKprS8rzYwHnrD4vJtJafDin8Zn7lhmxZJ5Kh0+AEkOl0lhyYU= carol@example.com";
    private const string Sha512Crypt = "$6$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG.";
    private const string Md5Crypt = "$1$xyz$Qia9Wq6FxQkYcwNWMk/RM0";

    private const string CertificateBody = """
        MIIBizCCATGgAwIBAgIUNsmXI7N8EqXQK0l6P2DBg6vlrLIwCgYIKoZIzj0EAwIw
        GzEZMBcGA1UEAwwQZXRjZC5leGFtcGxlLmNvbTAeFw0yNjExMjUxOTUwNThaFw0z
        NjExMjIxOTUwNThaMBsxGTAXBgNVBAMMEGV0Y2QuZXhhbXBsZS5jb20wWTATBgcq
        hkjOPQIBBggqhkjOPQMBBwNCAATgmJ5jK/YtiZ1UWtB8e/EE95+MulcAjWKpl5NS
        Kr5WGqtnZIX7QjM9J/nvHFJVdNThgKzlKPxURs83Gigx5Dvho1MwUTAdBgNVHQ4E
        FgQUbr0E6Ycbs0xkuDHEHbvg4yBqILQwHwYDVR0jBBgwFoAUbr0E6Ycbs0xkuDHE
        Hbvg4yBqILQwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEArZoK
        CmTDNnyQ+i0GHjD+XxjNS2bsLqEdxDSMV8/U0AoCID4cJGHCMOi8hFpQT0mPBQ+e
        SQLqnuBpcfliG6/SaETB
        """;

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    /// <summary>
    /// Verifies against a missing snapshot and returns what was written as received. Like any helper around
    /// Snapshot.Verify, it forwards the test's name.
    /// </summary>
    private string Received(string text, SnapshotSettings settings, [CallerMemberName] string test = "")
    {
        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify(text, "yml", settings, testMethod: test));
        Assert.EndsWith($"ScrubberTests.{test}.received.yml", e.ReceivedPath);
        return File.ReadAllText(e.ReceivedPath);
    }

    [Fact]
    public void Ssh_keys_are_scrubbed_by_default_numbered_by_first_occurrence_keeping_type_and_comment()
    {
        var yaml = $"""
            ssh_authorized_keys:
              - {Rsa}
              - "{Ed25519}"
              - {Rsa}
              - {Ecdsa}
            users:
              - name: core
                ssh_authorized_keys: ["{Ed25519}"]

            """;

        var received = Received(yaml, scratch.Settings());

        Assert.Equal("""
            ssh_authorized_keys:
              - ssh-rsa {scrubbed-key-1} bob@example.com
              - "ssh-ed25519 {scrubbed-key-2} alice@example.com"
              - ssh-rsa {scrubbed-key-1} bob@example.com
              - ecdsa-sha2-nistp256 {scrubbed-key-3} carol@example.com
            users:
              - name: core
                ssh_authorized_keys: ["ssh-ed25519 {scrubbed-key-2} alice@example.com"]

            """, received);
    }

    [Fact]
    public void Pem_blocks_are_scrubbed_by_default_keeping_the_yaml_indentation()
    {
        var indented = string.Join('\n', CertificateBody.Split('\n').Select(line => "      " + line));
        var yaml = $"write_files:\n  - path: /etc/ssl/etcd.pem\n    content: |\n      -----BEGIN CERTIFICATE-----\n{indented}\n      -----END CERTIFICATE-----\n  - path: /etc/ssl/other.pem\n    content: \"-----BEGIN CERTIFICATE-----\\nMIIBcert\\n-----END CERTIFICATE-----\\n\"\n";

        var received = Received(yaml, scratch.Settings());

        Assert.Equal("""
            write_files:
              - path: /etc/ssl/etcd.pem
                content: |
                  -----BEGIN CERTIFICATE-----
                  {scrubbed-pem-1}
                  -----END CERTIFICATE-----
              - path: /etc/ssl/other.pem
                content: "-----BEGIN CERTIFICATE-----{scrubbed-pem-2}-----END CERTIFICATE-----\n"

            """, received);
    }

    [Fact]
    public void Password_hashes_are_scrubbed_by_default()
    {
        var yaml = $"users:\n  - name: core\n    passwd: {Sha512Crypt}\n  - name: admin\n    passwd: \"{Md5Crypt}\"\n  - name: again\n    passwd: {Sha512Crypt}\nscript: awk '{{print $1$2}}'\n";

        var received = Received(yaml, scratch.Settings());

        Assert.Equal("users:\n  - name: core\n    passwd: {scrubbed-password-hash-1}\n  - name: admin\n    passwd: \"{scrubbed-password-hash-2}\"\n" +
            "  - name: again\n    passwd: {scrubbed-password-hash-1}\nscript: awk '{print $1$2}'\n", received);
    }

    [Fact]
    public void Key_material_scrubbing_can_be_turned_off()
    {
        var settings = scratch.Settings();
        settings.ScrubKeyMaterial = false;

        Assert.Equal($"- {Rsa}\n", Received($"- {Rsa}\n", settings));
    }

    [Fact]
    public void Numbering_is_shared_across_the_files_of_a_set()
    {
        var files = new Dictionary<string, string>
        {
            ["b/authorized_keys"] = $"{Ed25519}\n{Rsa}\n",
            ["a/cloud-config.yml"] = $"ssh_authorized_keys:\n  - {Rsa}\n",
        };

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.VerifyFiles(files, scratch.Settings()));

        // Files are scrubbed in ordinal path order: a/cloud-config.yml first, so bob's key is number 1 everywhere.
        Assert.Equal("ssh_authorized_keys:\n  - ssh-rsa {scrubbed-key-1} bob@example.com\n",
            File.ReadAllText(Path.Combine(e.ReceivedPath, "a/cloud-config.yml")));
        Assert.Equal("ssh-ed25519 {scrubbed-key-2} alice@example.com\nssh-rsa {scrubbed-key-1} bob@example.com\n",
            File.ReadAllText(Path.Combine(e.ReceivedPath, "b/authorized_keys")));
        Assert.DoesNotContain("AAAA", e.Message);
    }

    [Fact]
    public void A_scrubbed_output_matches_a_snapshot_made_with_other_keys()
    {
        scratch.Write("ScrubberTests.A_scrubbed_output_matches_a_snapshot_made_with_other_keys.verified.yml",
            "ssh_authorized_keys:\n  - ssh-rsa {scrubbed-key-1} bob@example.com\n");

        Snapshot.Verify($"ssh_authorized_keys:\n  - {Rsa}\n", "yml", scratch.Settings());
    }

    [Fact]
    public void Opt_in_scrubbers_replace_guids_timestamps_and_host_names()
    {
        var settings = scratch.Settings()
            .AddScrubber(Scrubber.Guids)
            .AddScrubber(Scrubber.Timestamps)
            .AddScrubber(Scrubber.HostName("build-42"));
        const string text = """
            id: 0F8FAD5B-D9CB-469F-A165-70867728950E
            other: 7c9e6679-7425-40de-944b-e07fc1f90ae7
            again: 0f8fad5b-d9cb-469f-a165-70867728950e
            built: 2025-11-25T19:34:00Z
            day: 2025-11-25
            offset: 2025-11-26 08:00:01.250+01:00
            calendar: *-*-* 05:00:00
            host: build-42
            fqdn: Build-42.example.com
            not-a-host: build-421 and mybuild-42

            """;

        Assert.Equal("""
            id: {scrubbed-guid-1}
            other: {scrubbed-guid-2}
            again: {scrubbed-guid-1}
            built: {scrubbed-timestamp-1}
            day: {scrubbed-timestamp-2}
            offset: {scrubbed-timestamp-3}
            calendar: *-*-* 05:00:00
            host: {scrubbed-host-1}
            fqdn: {scrubbed-host-1}.example.com
            not-a-host: build-421 and mybuild-42

            """, Received(text, settings));
    }

    [Fact]
    public void Custom_scrubbers_per_call_run_in_order_after_the_defaults()
    {
        var settings = scratch.Settings()
            .AddScrubber(new Regex("etcd_servers: .*"), "etcd_servers: {servers}")
            .AddScrubber(text => text.Replace("{servers}", "{etcd}", StringComparison.Ordinal))
            .AddScrubber(Scrubber.Numbered(new Regex("token=(?<value>[a-f0-9]+)"), "token"));

        var received = Received($"etcd_servers: http://10.0.0.1:4001\nurl: https://discovery.etcd.io/?token=abc123&token=abc123&token=ff00\n- {Rsa}\n", settings);

        Assert.Equal("etcd_servers: {etcd}\nurl: https://discovery.etcd.io/?token={scrubbed-token-1}&token={scrubbed-token-1}&token={scrubbed-token-2}\n" +
            "- ssh-rsa {scrubbed-key-1} bob@example.com\n", received);
    }

    [Fact]
    public void Global_scrubbers_apply_to_every_verification_until_removed()
    {
        // A marker no other test uses, so tests running in parallel are unaffected.
        var global = SnapshotDefaults.AddScrubber(new Regex("global-marker-7f3a"), "{global}");
        try
        {
            Assert.Contains(global, SnapshotDefaults.Scrubbers);
            Assert.Equal("a {global} b\n", Received("a global-marker-7f3a b\n", scratch.Settings()));
        }
        finally
        {
            Assert.True(SnapshotDefaults.RemoveScrubber(global));
        }

        Assert.DoesNotContain(global, SnapshotDefaults.Scrubbers);
        Assert.False(SnapshotDefaults.RemoveScrubber(global));
    }

    [Fact]
    public void Global_scrubbers_run_before_per_call_scrubbers()
    {
        var global = SnapshotDefaults.AddScrubber(text => text.Replace("order-marker-91c2", "global", StringComparison.Ordinal));
        try
        {
            var settings = scratch.Settings().AddScrubber(text => text.Replace("global", "global+call", StringComparison.Ordinal));
            Assert.Equal("global+call\n", Received("order-marker-91c2\n", settings));
        }
        finally
        {
            SnapshotDefaults.RemoveScrubber(global);
        }
    }

    [Fact]
    public void A_scrubber_returning_crlf_still_writes_lf()
    {
        var settings = scratch.Settings().AddScrubber(text => text.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal("a\nb\n", Received("a\nb\n", settings));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Token")]
    [InlineData("api token")]
    [InlineData("-token")]
    public void Numbered_categories_must_be_placeholder_friendly(string category)
    {
        var e = Assert.Throws<ArgumentException>(() => Scrubber.Numbered(new Regex("x"), category));
        Assert.Equal("category", e.ParamName);
    }
}
