using System.Buffers.Binary;

namespace CoreosDsl;

/// <summary>
/// Checks an OpenSSH public key line, <c>TYPE BASE64 [comment]</c>, as <c>ssh-keygen -l</c> reads it: a known key
/// type, base64 data (padding optional), and a key blob of that type with every field present and of a plausible
/// size (an Ed25519 key of 32 bytes, an RSA modulus of 1024 to 16384 bits, an uncompressed point on the named
/// curve, ...) and nothing after it. The analyzers compile this file too, so compile time and run time agree.
/// </summary>
public static class SshPublicKey
{
    /// <summary>The key types OpenSSH accepts in authorized_keys.</summary>
#if NETSTANDARD2_0
    // The analyzers compile this file too (generators/CoreosDsl.Generators), and netstandard2.0 has no IReadOnlySet.
    public static readonly ICollection<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
#else
    public static readonly IReadOnlySet<string> KnownTypes = new HashSet<string>(StringComparer.Ordinal)
#endif
    {
        "ssh-rsa", "ssh-dss", "ssh-ed25519", "ssh-ed448",
        "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    };

    /// <summary>OpenSSH refuses RSA keys with a shorter modulus (SSH_RSA_MINIMUM_MODULUS_SIZE).</summary>
    private const int MinimumRsaBits = 1024;

    /// <summary>The largest number OpenSSH reads from a key blob (SSHBUF_MAX_BIGNUM), in bits.</summary>
    private const int MaximumBignumBits = 16384;

    /// <summary>
    /// True when <paramref name="line"/> is a known key type followed by valid base64 whose key blob is a key of
    /// that type; otherwise false with what is wrong.
    /// </summary>
    public static bool TryValidate(string line, out string? error)
    {
        var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            error = "a public key line is 'TYPE BASE64 [comment]'";
            return false;
        }

        if (!KnownTypes.Contains(parts[0]))
        {
            error = $"'{parts[0]}' is not an SSH key type ({string.Join(", ", KnownTypes.OrderBy(t => t, StringComparer.Ordinal))})";
            return false;
        }

        if (Decode(parts[1]) is not { } blob)
        {
            error = parts.Length == 2 && parts[1].IndexOf('@') >= 0
                ? "the line has a comment but no key data"
                : "the key data is not valid base64";
            return false;
        }

        error = BlobProblem(parts[0], blob);
        return error is null;
    }

    /// <summary>Base64 as OpenSSH decodes it: the '=' padding may be left out.</summary>
    private static byte[]? Decode(string text)
    {
        switch (text.Length % 4)
        {
            case 1:
                return null;
            case 2:
                text += "==";
                break;
            case 3:
                text += "=";
                break;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>What is wrong with the key blob of a <paramref name="type"/> line, or null.</summary>
    private static string? BlobProblem(string type, byte[] blob)
    {
        var reader = new BlobReader(blob);
        if (reader.String() is not { } embeddedBytes)
        {
            return "the key data is too short to hold a key";
        }

        var embedded = System.Text.Encoding.ASCII.GetString(embeddedBytes);
        if (!string.Equals(embedded, type, StringComparison.Ordinal))
        {
            return $"the key data is a '{embedded}' key, but the line says '{type}'";
        }

        var problem = type switch
        {
            "ssh-rsa" => Rsa(ref reader),
            "ssh-dss" => Numbers(ref reader, "DSA", "p", "q", "g", "y"),
            "ssh-ed25519" => Bytes(ref reader, 32, "Ed25519 key"),
            "ssh-ed448" => Bytes(ref reader, 57, "Ed448 key"),
            "sk-ssh-ed25519@openssh.com" => Bytes(ref reader, 32, "Ed25519 key") ?? Application(ref reader),
            "ecdsa-sha2-nistp256" => Point(ref reader, "nistp256", 32),
            "ecdsa-sha2-nistp384" => Point(ref reader, "nistp384", 48),
            "ecdsa-sha2-nistp521" => Point(ref reader, "nistp521", 66),
            "sk-ecdsa-sha2-nistp256@openssh.com" => Point(ref reader, "nistp256", 32) ?? Application(ref reader),
            _ => null,
        };
        if (problem is not null)
        {
            return problem;
        }

        return reader.Remaining > 0
            ? $"the key data has {reader.Remaining} byte(s) after the key (the line is damaged, or two keys were joined)"
            : null;
    }

    private static string? Rsa(ref BlobReader reader)
    {
        if (Numbers(ref reader, "RSA", "exponent", "modulus") is { } problem)
        {
            return problem;
        }

        var bits = reader.LastNumberBits;
        return bits < MinimumRsaBits
            ? $"the RSA modulus has {bits} bits; OpenSSH refuses RSA keys under {MinimumRsaBits} bits (make a new key: ssh-keygen -t ed25519)"
            : null;
    }

    /// <summary>Positive multiple-precision integers (mpint), each at most 16384 bits.</summary>
    private static string? Numbers(ref BlobReader reader, string kind, params string[] names)
    {
        foreach (var name in names)
        {
            if (reader.String() is not { } number)
            {
                return $"the key data ends before the {kind} {name}";
            }

            if (number.Length > 0 && (number[0] & 0x80) != 0)
            {
                return $"the {kind} {name} is negative";
            }

            var first = 0;
            while (first < number.Length && number[first] == 0)
            {
                first++;
            }

            var bits = number.Length == first ? 0 : ((number.Length - first - 1) * 8) + BitLength(number[first]);
            if (bits > MaximumBignumBits)
            {
                return $"the {kind} {name} has {bits} bits; OpenSSH reads at most {MaximumBignumBits}";
            }

            reader.LastNumberBits = bits;
        }

        return null;
    }

    private static int BitLength(byte b)
    {
        var bits = 0;
        for (; b != 0; b >>= 1)
        {
            bits++;
        }

        return bits;
    }

    private static string? Bytes(ref BlobReader reader, int length, string what)
    {
        if (reader.String() is not { } key)
        {
            return $"the key data ends before the {what}";
        }

        return key.Length == length ? null : $"the {what} is {key.Length} bytes long; it must be {length}";
    }

    /// <summary>An ECDSA key: the curve's name, then the public point, uncompressed (0x04, X, Y).</summary>
    private static string? Point(ref BlobReader reader, string curve, int coordinateBytes)
    {
        if (reader.String() is not { } name)
        {
            return "the key data ends before the curve name";
        }

        var written = System.Text.Encoding.ASCII.GetString(name);
        if (written != curve)
        {
            return $"the key data names the curve '{written}', but the key type is on {curve}";
        }

        if (reader.String() is not { } point)
        {
            return "the key data ends before the public point";
        }

        var expected = 1 + (2 * coordinateBytes);
        return point.Length == expected && point[0] == 4
            ? null
            : $"the public point is not an uncompressed {curve} point (0x04 and {expected - 1} bytes)";
    }

    /// <summary>A security-key type ends with the application string (<c>ssh:</c>).</summary>
    private static string? Application(ref BlobReader reader) =>
        reader.String() is null ? "the key data ends before the security key's application (ssh:)" : null;

    /// <summary>Reads SSH strings (a big-endian uint32 length, then that many bytes) from a key blob.</summary>
    private struct BlobReader(byte[] blob)
    {
        private int offset;

        public readonly int Remaining => blob.Length - offset;

        /// <summary>The bit length of the last number <see cref="Numbers"/> read.</summary>
        public int LastNumberBits { get; set; }

        /// <summary>The next string, or null when the blob ends before it does.</summary>
        public byte[]? String()
        {
            if (Remaining < 4)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(offset));
            if (length > (uint)(Remaining - 4))
            {
                return null;
            }

            var value = new byte[length];
            Array.Copy(blob, offset + 4, value, 0, (int)length);
            offset += 4 + (int)length;
            return value;
        }
    }
}
