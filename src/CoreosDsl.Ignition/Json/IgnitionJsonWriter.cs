using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CoreosDsl.Ignition.Schema;

namespace CoreosDsl.Ignition;

/// <summary>
/// Writes an Ignition config as compact JSON, deterministically: the keys of each object in the schema's order
/// (alphabetical, as the spec documents them; keys the spec does not have follow in insertion order), strings escaped
/// as Go's <c>encoding/json</c> escapes them, no white space, no trailing newline.
/// </summary>
public static class IgnitionJsonWriter
{
    /// <summary>The JSON text of <paramref name="root"/>.</summary>
    /// <param name="root">The config.</param>
    /// <returns>Compact JSON.</returns>
    public static string Write(JsonObject root)
    {
        var sb = new StringBuilder();
        WriteNode(sb, root, "");
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in Ordered(obj, path))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    WriteNode(sb, value, path.Length == 0 ? key : path + "." + key);
                }

                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    WriteNode(sb, array[i], path + "[]");
                }

                sb.Append(']');
                break;
            case JsonValue value:
                WriteValue(sb, value);
                break;
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Ordered(JsonObject obj, string path) =>
        obj.Select((pair, position) => (pair, position, index: IgnitionSchema.IndexOf(path.Length == 0 ? pair.Key : path + "." + pair.Key)))
            .OrderBy(x => x.index < 0 ? int.MaxValue : x.index)
            .ThenBy(x => x.position)
            .Select(x => x.pair);

    private static void WriteValue(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(sb, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number:
                sb.Append(value.ToJsonString());
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>A JSON string as Go writes it: <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 as \u escapes.</summary>
    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])))
                    {
                        sb.Append("\\ufffd");
                    }
                    else if (char.IsHighSurrogate(c))
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
