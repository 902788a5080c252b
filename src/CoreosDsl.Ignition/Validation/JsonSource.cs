using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CoreosDsl.Ignition.Validation;

/// <summary>The kind of a JSON value.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// <summary>One member of a JSON object: the key as written (with its byte offset) and the value.</summary>
internal sealed record JsonMember(string Key, int KeyOffset, JsonValue Value);

/// <summary>
/// A JSON value with the byte offset it starts at, as read by <see cref="JsonSource"/>: objects keep every member in
/// document order (duplicates too, as Go's decoder sees them), strings are decoded the way Go decodes them (invalid
/// UTF-8 and lone surrogate escapes become U+FFFD), numbers keep their text.
/// </summary>
internal sealed class JsonValue
{
    public JsonValue(JsonKind kind, int offset)
    {
        Kind = kind;
        Offset = offset;
    }

    public JsonKind Kind { get; }

    /// <summary>The byte offset of the value's first character.</summary>
    public int Offset { get; }

    /// <summary>The members of an object, in document order.</summary>
    public List<JsonMember> Members { get; } = [];

    /// <summary>The items of an array.</summary>
    public List<JsonValue> Items { get; } = [];

    /// <summary>The decoded string, the number as written, or <c>true</c>/<c>false</c>.</summary>
    public string Text { get; set; } = "";

    /// <summary>The length of the value in the source (bytes), for the caret; 1 for objects and arrays.</summary>
    public int Length { get; set; } = 1;

    /// <summary>Go's name for the kind in its type errors (<c>cannot unmarshal string into ...</c>).</summary>
    public string GoKindName => Kind switch
    {
        JsonKind.Object => "object",
        JsonKind.Array => "array",
        JsonKind.String => "string",
        JsonKind.Number => "number",
        JsonKind.Bool => "bool",
        _ => "null",
    };
}

/// <summary>
/// A JSON document read with positions (System.Text.Json's <see cref="Utf8JsonReader"/> gives byte offsets; this maps
/// them to lines and columns), with the strictness of Go's <c>encoding/json</c>: no comments, no trailing commas, no
/// byte order mark, one value.
/// </summary>
internal sealed class JsonSource
{
    private readonly int[] lineStarts;

    private JsonSource(byte[] bytes, JsonValue? root, string? syntaxError, int errorOffset)
    {
        Bytes = bytes;
        Root = root;
        SyntaxError = syntaxError;
        ErrorOffset = errorOffset;
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        lineStarts = [.. starts];
    }

    /// <summary>The document's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>The root value, or null when the document is not valid JSON.</summary>
    public JsonValue? Root { get; }

    /// <summary>Why the document is not valid JSON, or null.</summary>
    public string? SyntaxError { get; }

    /// <summary>The byte offset of the syntax error.</summary>
    public int ErrorOffset { get; }

    /// <summary>Reads <paramref name="bytes"/>; a syntax error is kept, not thrown.</summary>
    public static JsonSource Read(byte[] bytes)
    {
        try
        {
            return new JsonSource(bytes, Parse(bytes), null, 0);
        }
        catch (JsonException e)
        {
            var offset = OffsetOf(bytes, (int)(e.LineNumber ?? 0), (int)(e.BytePositionInLine ?? 0));
            return new JsonSource(bytes, null, Describe(e.Message), offset);
        }
    }

    /// <summary>The 1-based line and column (in characters) of a byte offset.</summary>
    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, Bytes.Length);
        var line = Array.BinarySearch(lineStarts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        var start = lineStarts[line];
        var column = Encoding.UTF8.GetCharCount(Bytes, start, offset - start) + 1;
        return (line + 1, column);
    }

    private static JsonValue Parse(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 10000 });
        var stack = new Stack<JsonValue>();
        string? key = null;
        var keyOffset = 0;
        JsonValue? root = null;
        while (reader.Read())
        {
            var offset = (int)reader.TokenStartIndex;
            JsonValue? value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    key = Decode(ref reader);
                    keyOffset = offset;
                    continue;
                case JsonTokenType.StartObject:
                    value = new JsonValue(JsonKind.Object, offset);
                    break;
                case JsonTokenType.StartArray:
                    value = new JsonValue(JsonKind.Array, offset);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
                case JsonTokenType.String:
                    value = new JsonValue(JsonKind.String, offset) { Text = Decode(ref reader), Length = (int)(reader.BytesConsumed - offset) };
                    break;
                case JsonTokenType.Number:
                    value = new JsonValue(JsonKind.Number, offset) { Text = Encoding.UTF8.GetString(reader.ValueSpan), Length = reader.ValueSpan.Length };
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = new JsonValue(JsonKind.Bool, offset) { Text = reader.TokenType == JsonTokenType.True ? "true" : "false", Length = reader.TokenType == JsonTokenType.True ? 4 : 5 };
                    break;
                case JsonTokenType.Null:
                    value = new JsonValue(JsonKind.Null, offset) { Length = 4 };
                    break;
            }

            if (value is null)
            {
                continue;
            }

            if (stack.Count == 0)
            {
                root = value;
            }
            else if (stack.Peek().Kind == JsonKind.Object)
            {
                stack.Peek().Members.Add(new JsonMember(key!, keyOffset, value));
            }
            else
            {
                stack.Peek().Items.Add(value);
            }

            if (value.Kind is JsonKind.Object or JsonKind.Array)
            {
                stack.Push(value);
            }
        }

        return root ?? throw new JsonException("unexpected end of JSON input", null, 0, bytes.Length);
    }

    // Go decodes strings leniently: invalid UTF-8 and unpaired surrogate escapes become U+FFFD. System.Text.Json
    // refuses to return such a string, so those few are decoded here.
    private static string Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? "";
        }
        catch (InvalidOperationException)
        {
            return DecodeLeniently(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray(), reader.ValueIsEscaped);
        }
    }

    private static string DecodeLeniently(byte[] raw, bool escaped)
    {
        var lenient = new UTF8Encoding(false, false);
        if (!escaped)
        {
            return lenient.GetString(raw);
        }

        var sb = new StringBuilder();
        var run = new List<byte>();
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                run.Add(raw[i]);
                continue;
            }

            sb.Append(lenient.GetString([.. run]));
            run.Clear();
            var c = (char)raw[++i];
            if (c == 'u')
            {
                sb.Append((char)int.Parse(Encoding.ASCII.GetString(raw, i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            sb.Append(c switch { 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', _ => c });
        }

        sb.Append(lenient.GetString([.. run]));

        // Pair the surrogates that form characters; replace the rest, as Go does.
        var text = sb.ToString();
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(text[i]).Append(text[++i]);
            }
            else
            {
                result.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }

        return result.ToString();
    }

    private static int OffsetOf(byte[] bytes, int line, int bytePositionInLine)
    {
        var offset = 0;
        for (var l = 0; l < line && offset < bytes.Length; offset++)
        {
            if (bytes[offset] == '\n')
            {
                l++;
            }
        }

        return Math.Min(bytes.Length, offset + bytePositionInLine);
    }

    // System.Text.Json's messages end with its position ("... LineNumber: 0 | BytePositionInLine: 7.") and a hint
    // about its own reader options; the position is reported separately.
    private static string Describe(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        text = text.Replace(" Change the reader options.", "", StringComparison.Ordinal);
        return text.TrimEnd('.', ' ');
    }
}
