using System.Text;

namespace CoreosDsl.Iso9660.Tests;

/// <summary>Finds directory records and SUSP entries in image bytes, for tests that damage them on purpose.</summary>
internal static class RecordLocator
{
    /// <summary>The offset of the record whose identifier starts with <paramref name="identifier"/> in the directory at <paramref name="directoryLba"/>.</summary>
    public static int Find(byte[] image, uint directoryLba, string identifier)
    {
        var start = (int)directoryLba * 2048;
        for (var position = start; position < start + 2048 && image[position] != 0; position += image[position])
        {
            var record = DirectoryRecord.Parse(image.AsSpan(position, image[position]), position);
            if (Encoding.ASCII.GetString(record.Identifier).StartsWith(identifier, StringComparison.Ordinal))
            {
                return position;
            }
        }

        throw new InvalidOperationException($"No record '{identifier}' in the directory at LBA {directoryLba}.");
    }

    /// <summary>The offset of the first SUSP entry <paramref name="signature"/> of the record at <paramref name="recordOffset"/>.</summary>
    public static int FindSusp(byte[] image, int recordOffset, string signature)
    {
        var record = DirectoryRecord.Parse(image.AsSpan(recordOffset, image[recordOffset]), recordOffset);
        var (_, offset) = SuspEntry.ParseArea(record.SystemUse, recordOffset + record.SystemUseOffset).First(e => e.Entry.Signature == signature);
        return (int)offset;
    }

    public static void WriteBothEndian(byte[] image, int offset, uint value) => BothEndian.WriteUInt32(image.AsSpan(offset), value);
}
