using System.Buffers.Binary;

namespace CoreosDsl;

/// <summary>Checks the shape of an OpenSSH public key line: <c>TYPE BASE64 [comment]</c>.</summary>
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

    /// <summary>
    /// True when <paramref name="line"/> is a known key type followed by valid base64 whose embedded type
    /// string matches; otherwise false with what is wrong.
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
            error = $"'{parts[0]}' is not an SSH key type ({string.Join(", ", KnownTypes.Order(StringComparer.Ordinal))})";
            return false;
        }

        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            error = "the key data is not valid base64";
            return false;
        }

        // The blob starts with the key type as an SSH string: a big-endian length, then the name.
        if (blob.Length < 4 || BinaryPrimitives.ReadUInt32BigEndian(blob) is var length && length > blob.Length - 4)
        {
            error = "the key data is too short to hold a key";
            return false;
        }

        var embedded = System.Text.Encoding.ASCII.GetString(blob, 4, (int)length);
        if (!string.Equals(embedded, parts[0], StringComparison.Ordinal))
        {
            error = $"the key data is a '{embedded}' key, but the line says '{parts[0]}'";
            return false;
        }

        error = null;
        return true;
    }
}
