using System.Text.RegularExpressions;

namespace CoreosDsl.Testing;

// The built-in scrubbers. Key material (the first three) is scrubbed by default; the others are opt-in because
// they would also hide values a configuration means literally (a fixed date, a GUID used as an identifier).
public sealed partial class Scrubber
{
    /// <summary>
    /// SSH public keys (<c>ssh-rsa</c>, <c>ssh-ed25519</c>, <c>ecdsa-sha2-*</c>, <c>sk-*</c>, certificates): the
    /// base64 body becomes <c>{scrubbed-key-N}</c>; the key type and comment stay, so
    /// <c>ssh-rsa AAAA... someone@example.com</c> reads <c>ssh-rsa {scrubbed-key-1} someone@example.com</c>.
    /// On by default.
    /// </summary>
    public static Scrubber SshPublicKeys { get; } = Numbered(SshPublicKeyPattern(), "key", "ssh-public-keys", v => v);

    /// <summary>
    /// PEM blocks (certificates, private keys): the base64 body between <c>-----BEGIN X-----</c> and
    /// <c>-----END X-----</c> becomes <c>{scrubbed-pem-N}</c>, keeping the markers and the indentation of a YAML
    /// block. On by default.
    /// </summary>
    public static Scrubber PemBlocks { get; } = new("pem-blocks", ScrubPemBlocks);

    /// <summary>
    /// crypt(3) password hashes such as <c>$6$salt$hash</c> (also <c>$1$</c>, <c>$5$</c>, bcrypt <c>$2b$</c>,
    /// yescrypt <c>$y$</c>, <c>$argon2id$</c>): replaced by <c>{scrubbed-password-hash-N}</c>. On by default.
    /// </summary>
    public static Scrubber PasswordHashes { get; } =
        Numbered(PasswordHashPattern(), "password-hash", "password-hashes", v => v);

    /// <summary>GUIDs in any case (<c>0f8fad5b-d9cb-469f-a165-70867728950e</c>): <c>{scrubbed-guid-N}</c>. Opt-in.</summary>
    public static Scrubber Guids { get; } = Numbered(GuidPattern(), "guid", "guids", v => v.ToLowerInvariant());

    /// <summary>
    /// ISO 8601 dates and date-times (<c>2025-11-25</c>, <c>2025-11-25T19:34:00Z</c>, with optional fraction and
    /// offset): <c>{scrubbed-timestamp-N}</c>. Opt-in.
    /// </summary>
    public static Scrubber Timestamps { get; } = Numbered(TimestampPattern(), "timestamp", "timestamps", v => v);

    /// <summary>
    /// The scrubbers applied by default (<see cref="SnapshotSettings.ScrubKeyMaterial"/>): <see cref="PemBlocks"/>,
    /// <see cref="SshPublicKeys"/>, <see cref="PasswordHashes"/>.
    /// </summary>
    public static IReadOnlyList<Scrubber> KeyMaterial { get; } = [PemBlocks, SshPublicKeys, PasswordHashes];

    /// <summary>
    /// A host name, matched as a whole name in any case (not inside a longer name): <c>{scrubbed-host-N}</c>.
    /// Opt-in; <c>Scrubber.HostName(Environment.MachineName)</c> hides the machine the tests ran on.
    /// </summary>
    public static Scrubber HostName(string hostName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        var pattern = new Regex($"(?<![A-Za-z0-9.-]){Regex.Escape(hostName)}(?![A-Za-z0-9-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return Numbered(pattern, "host", $"host-name {hostName}", v => v.ToLowerInvariant());
    }

    private static string ScrubPemBlocks(string text, ScrubContext context) =>
        PemBlockPattern().Replace(text, match =>
        {
            var label = match.Groups["label"].Value;
            var body = match.Groups["body"].Value;
            var placeholder = context.Placeholder("pem", string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
            var lastBreak = body.LastIndexOf('\n');
            if (lastBreak < 0)
            {
                return $"-----BEGIN {label}-----{placeholder}-----END {label}-----";
            }

            // One placeholder line, indented like the END marker (a YAML block scalar indents every line).
            var indent = body[(lastBreak + 1)..];
            if (indent.Any(c => !char.IsWhiteSpace(c)))
            {
                indent = "";
            }

            return $"-----BEGIN {label}-----\n{indent}{placeholder}\n{indent}-----END {label}-----";
        });

    [GeneratedRegex(@"(?<![A-Za-z0-9@.-])(?:ssh-|ecdsa-sha2-|sk-)[A-Za-z0-9@.-]+[ \t]+(?<value>AAAA[A-Za-z0-9+/]{16,}={0,3})")]
    private static partial Regex SshPublicKeyPattern();

    [GeneratedRegex("-----BEGIN (?<label>[A-Z0-9][A-Z0-9 ]*)-----(?<body>.*?)-----END \\k<label>-----", RegexOptions.Singleline)]
    private static partial Regex PemBlockPattern();

    [GeneratedRegex(@"(?<![A-Za-z0-9$])\$(?:1|2[abxy]|5|6|7|y|gy|sha1|md5|argon2(?:i|d|id))\$[A-Za-z0-9./+=,$-]{8,}")]
    private static partial Regex PasswordHashPattern();

    [GeneratedRegex("(?<![0-9A-Fa-f-])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f-])")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:[.,][0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?(?![0-9])")]
    private static partial Regex TimestampPattern();
}
