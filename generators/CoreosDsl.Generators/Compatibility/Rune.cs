using System.Buffers;

namespace System.Text;

/// <summary>
/// The two members of .NET's <c>System.Text.Rune</c> the linked unit-file word writer uses: decoding one scalar
/// value from UTF-16 and encoding it as UTF-8. Same results as .NET's for valid and invalid input.
/// </summary>
internal readonly struct Rune
{
    private readonly int value;

    private Rune(int value) => this.value = value;

    /// <summary>Decodes the scalar value at the start of <paramref name="source"/>.</summary>
    public static OperationStatus DecodeFromUtf16(ReadOnlySpan<char> source, out Rune result, out int charsConsumed)
    {
        result = new Rune(0xFFFD);
        if (source.IsEmpty)
        {
            charsConsumed = 0;
            return OperationStatus.NeedMoreData;
        }

        var c = source[0];
        if (!char.IsSurrogate(c))
        {
            result = new Rune(c);
            charsConsumed = 1;
            return OperationStatus.Done;
        }

        if (char.IsHighSurrogate(c))
        {
            if (source.Length < 2)
            {
                charsConsumed = 1;
                return OperationStatus.NeedMoreData;
            }

            if (char.IsLowSurrogate(source[1]))
            {
                result = new Rune(char.ConvertToUtf32(c, source[1]));
                charsConsumed = 2;
                return OperationStatus.Done;
            }
        }

        charsConsumed = 1;
        return OperationStatus.InvalidData;
    }

    /// <summary>Writes the UTF-8 bytes of this scalar value; returns how many (1 to 4).</summary>
    public int EncodeToUtf8(Span<byte> destination)
    {
        if (value < 0x80)
        {
            destination[0] = (byte)value;
            return 1;
        }

        if (value < 0x800)
        {
            destination[0] = (byte)(0xC0 | (value >> 6));
            destination[1] = (byte)(0x80 | (value & 0x3F));
            return 2;
        }

        if (value < 0x10000)
        {
            destination[0] = (byte)(0xE0 | (value >> 12));
            destination[1] = (byte)(0x80 | ((value >> 6) & 0x3F));
            destination[2] = (byte)(0x80 | (value & 0x3F));
            return 3;
        }

        destination[0] = (byte)(0xF0 | (value >> 18));
        destination[1] = (byte)(0x80 | ((value >> 12) & 0x3F));
        destination[2] = (byte)(0x80 | ((value >> 6) & 0x3F));
        destination[3] = (byte)(0x80 | (value & 0x3F));
        return 4;
    }
}
