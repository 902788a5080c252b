using System.Text;

namespace CoreosDsl.Generators.Infrastructure;

/// <summary>Turns schema names into C# identifiers and documentation text.</summary>
internal static class Naming
{
    /// <summary>
    /// PascalCase from a key or enum value: words split at any character that is not a letter or digit
    /// (<c>etcd_servers</c> → <c>EtcdServers</c>, <c>kmsg+console</c> → <c>KmsgConsole</c>); two words that
    /// meet digit to digit keep an underscore (<c>x86-64</c> → <c>X86_64</c>); a leading digit gets one too.
    /// </summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder();
        var startOfWord = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                startOfWord = true;
                continue;
            }

            if (startOfWord && result.Length > 0 && char.IsDigit(c) && char.IsDigit(result[result.Length - 1]))
            {
                result.Append('_');
            }

            result.Append(startOfWord ? char.ToUpperInvariant(c) : c);
            startOfWord = false;
        }

        if (result.Length == 0 || char.IsDigit(result[0]))
        {
            result.Insert(0, '_');
        }

        return result.ToString();
    }

    /// <summary>camelCase for a parameter name (<c>device</c>, <c>http_proxy</c> → <c>httpProxy</c>).</summary>
    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        return char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var s = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': s.Append("\\\""); break;
                case '\\': s.Append("\\\\"); break;
                case '\n': s.Append("\\n"); break;
                case '\r': s.Append("\\r"); break;
                case '\t': s.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        s.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        s.Append(c);
                    }

                    break;
            }
        }

        return s.Append('"').ToString();
    }

    /// <summary>Documentation text as a sentence: first letter upper case, ending in a full stop.</summary>
    public static string Sentence(string text)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            return text;
        }

        text = char.ToUpperInvariant(text[0]) + text.Substring(1);
        return text.EndsWith(".", System.StringComparison.Ordinal) ? text : text + ".";
    }

    /// <summary>Text for an XML doc comment: <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> escaped.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
