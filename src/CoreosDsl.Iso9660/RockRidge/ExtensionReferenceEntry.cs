using System.Text;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The SUSP "ER" entry (SUSP 5.5): names the extension in use. Rock Ridge 1.10 writers record "RRIP_1991A" with
/// the descriptor and source texts of RRIP 1.10, section 4.3, as mkisofs and xorriso do.
/// </summary>
internal sealed record ExtensionReferenceEntry(string Identifier, string Descriptor, string Source, byte ExtensionVersion = 1)
{
    /// <summary>The signature.</summary>
    public const string Signature = "ER";

    /// <summary>The Rock Ridge 1.10 extension, as recorded by mkisofs and xorriso.</summary>
    public static ExtensionReferenceEntry RockRidge { get; } = new(
        "RRIP_1991A",
        "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS",
        "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.");

    /// <summary>The entry in SUSP form.</summary>
    public SuspEntry ToEntry()
    {
        byte[] id = Encoding.ASCII.GetBytes(Identifier), descriptor = Encoding.ASCII.GetBytes(Descriptor), source = Encoding.ASCII.GetBytes(Source);
        var data = new byte[4 + id.Length + descriptor.Length + source.Length];
        data[0] = (byte)id.Length;
        data[1] = (byte)descriptor.Length;
        data[2] = (byte)source.Length;
        data[3] = ExtensionVersion;
        id.CopyTo(data, 4);
        descriptor.CopyTo(data, 4 + id.Length);
        source.CopyTo(data, 4 + id.Length + descriptor.Length);
        return new SuspEntry(Signature, 1, data);
    }

    /// <summary>Parses an ER entry found at <paramref name="fileOffset"/>.</summary>
    public static ExtensionReferenceEntry Parse(SuspEntry entry, long fileOffset)
    {
        entry.RequireDataLength(4, fileOffset);
        int idLength = entry.Data[0], descriptorLength = entry.Data[1], sourceLength = entry.Data[2];
        entry.RequireDataLength(4 + idLength + descriptorLength + sourceLength, fileOffset);
        var data = entry.Data.AsSpan(4);
        return new ExtensionReferenceEntry(
            Encoding.ASCII.GetString(data[..idLength]),
            Encoding.ASCII.GetString(data.Slice(idLength, descriptorLength)),
            Encoding.ASCII.GetString(data.Slice(idLength + descriptorLength, sourceLength)),
            entry.Data[3]);
    }
}
