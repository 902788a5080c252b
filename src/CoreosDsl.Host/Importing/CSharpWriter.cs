using System.Globalization;
using System.Text;
using CoreosDsl.CloudConfig;
using CoreosDsl.Ignition;

namespace CoreosDsl.Host;

/// <summary>Writes an import plan as C#: fluent chains in the style of the examples, statement lambdas where a raw part needs one.</summary>
internal static class CSharpWriter
{
    private const int Indent = 4;

    /// <summary>Names the implicit usings and System namespaces bring in, which a generated enum name must not collide with.</summary>
    private static readonly string[] ImplicitNamespaces =
        ["System", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks", "System.Collections.Generic"];

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null",
        "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte",
        "sealed", "short", "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>The whole source file.</summary>
    public static string Write(ImportOptions options, IReadOnlyList<ImportStep> steps, IReadOnlyList<string> notes)
    {
        var text = Header(options, notes, null, "builds the same cloud-config with the typed builders",
            ["CoreosDsl", "CoreosDsl.CloudConfig", "CoreosDsl.Host", "CoreosDsl.Networkd", "CoreosDsl.Systemd"]);
        var scope = new List<string>();
        var lambda = Lambda(new LambdaArg("w", steps), Indent, scope);
        text.Append(Pad(Indent)).Append("public static WorkerDefinition Define() => Worker.Define(").Append(Literal(options.WorkerName, Indent)).Append(", ").Append(lambda).Append(");\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>
    /// The whole source file of an imported Ignition (or Butane) config: a worker provisioned by Ignition only, its
    /// config built with <c>WithIgnition(i => ...)</c>.
    /// </summary>
    public static string WriteIgnition(ImportOptions options, IReadOnlyList<ImportStep> steps, IReadOnlyList<string> notes, string kind, IgnitionSpecVersion? spec = null)
    {
        var text = Header(options, notes, kind, "emits the same Ignition config with the typed builders",
            ["System.Text.Json.Nodes", "CoreosDsl", "CoreosDsl.Host", "CoreosDsl.Ignition", "CoreosDsl.Networkd"]);
        var scope = new List<string>();
        var body = Indent + Indent;
        text.Append(Pad(Indent)).Append("public static WorkerDefinition Define() => Worker.Define(").Append(Literal(options.WorkerName, Indent)).Append(", _ => { })\n");
        text.Append(Pad(body)).Append(".WithIgnition(").Append(Lambda(new LambdaArg("i", steps), body, scope)).Append(")\n");
        if (spec is { } version)
        {
            text.Append(Pad(body)).Append(".WithIgnitionSpec(IgnitionSpecVersion.").Append(version).Append(")\n");
        }

        text.Append(Pad(body)).Append(".WithProvisioning(Provisioning.Ignition);\n");
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The header comment, the usings, the namespace and the class's opening, up to its one member.</summary>
    private static StringBuilder Header(ImportOptions options, IReadOnlyList<string> notes, string? kind, string what, string[] usings)
    {
        var text = new StringBuilder();
        text.Append("// Imported from ").Append(options.SourceName).Append(kind is null ? "" : $" ({kind})").Append(" by 'import' (CoreosDsl): ").Append(what).Append(".\n");
        text.Append("// Add it to Program.cs: return WorkerHost.Run(args, ").Append(options.ClassName).Append(".Define);\n");
        if (notes.Count > 0)
        {
            text.Append("//\n// Review:\n");
            foreach (var note in notes)
            {
                text.Append("// - ").Append(note.Replace('\n', ' ')).Append('\n');
            }
        }

        foreach (var name in usings)
        {
            text.Append("using ").Append(name).Append(";\n");
        }

        text.Append('\n');
        if (options.Namespace is { Length: > 0 } ns)
        {
            text.Append("namespace ").Append(ns).Append(";\n\n");
        }

        text.Append("/// <summary>The worker imported from ").Append(Escape(options.SourceName)).Append(".</summary>\n");
        text.Append("public static class ").Append(options.ClassName).Append('\n').Append("{\n");
        text.Append(Pad(Indent)).Append("/// <summary>The worker's definition.</summary>\n");
        return text;
    }

    /// <summary>A lambda: <c>p => p.A().B()</c> (chained, one call per line) or a statement body when a step is not fluent.</summary>
    private static string Lambda(LambdaArg lambda, int indent, List<string> scope)
    {
        var name = FreshName(lambda.Hint, scope);
        scope.Add(name);
        try
        {
            if (lambda.Body.Count == 0)
            {
                return "_ => { }";
            }

            if (lambda.Body.All(s => s.Fluent))
            {
                if (lambda.Body is [var single] && single.Comment is null)
                {
                    var inline = $"{name} => {name}.{Call(single, indent, scope)}";
                    if (!inline.Contains('\n', StringComparison.Ordinal) && inline.Length <= 80)
                    {
                        return inline;
                    }
                }

                var chain = new StringBuilder().Append(name).Append(" => ").Append(name);
                foreach (var step in lambda.Body)
                {
                    if (step.Comment is not null)
                    {
                        chain.Append('\n').Append(Pad(indent + Indent)).Append("// ").Append(step.Comment.Replace('\n', ' '));
                    }

                    chain.Append('\n').Append(Pad(indent + Indent)).Append('.').Append(Call(step, indent + Indent, scope));
                }

                return chain.ToString();
            }

            var block = new StringBuilder().Append(name).Append(" =>\n").Append(Pad(indent)).Append("{\n");
            foreach (var step in lambda.Body)
            {
                if (step.Comment is not null)
                {
                    block.Append(Pad(indent + Indent)).Append("// ").Append(step.Comment.Replace('\n', ' ')).Append('\n');
                }

                block.Append(Pad(indent + Indent)).Append(Statement(step, name, indent + Indent, scope)).Append(";\n");
            }

            return block.Append(Pad(indent)).Append('}').ToString();
        }
        finally
        {
            scope.RemoveAt(scope.Count - 1);
        }
    }

    private static string Statement(ImportStep step, string target, int indent, List<string> scope) => step switch
    {
        RawNodeStep { Key: null } raw => $"{target}.Sequence.Add({Node(raw.Node, indent)})",
        RawNodeStep raw => $"{target}.Node.Set({Literal(raw.Key!, indent)}, {Node(raw.Node, indent)})",
        RawJsonStep { Append: true } raw => $"IgnitionNodes.Array({target}.Node, {Literal(raw.Key, indent)}).Add({Json(raw.Value, indent)})",
        RawJsonStep raw => $"{target}.Node[{Literal(raw.Key, indent)}] = {Json(raw.Value, indent)}",
        _ => $"{target}.{Call(step, indent, scope)}",
    };

    /// <summary><c>Method(args)</c> of a call step.</summary>
    private static string Call(ImportStep step, int indent, List<string> scope)
    {
        var call = (CallStep)step;
        return $"{call.Method.Name}({string.Join(", ", call.Args.Select(a => Argument(a, indent, scope)))})";
    }

    private static string Argument(ImportArg argument, int indent, List<string> scope) => argument switch
    {
        LiteralArg literal => Value(literal.Value, indent),
        ParamsArg list => string.Join(", ", list.Values.Select(v => Value(v, indent))),
        LambdaArg lambda => Lambda(lambda, indent, scope),
        StaticCallArg call => $"{TypeName(call.Method.DeclaringType!)}.{call.Method.Name}({string.Join(", ", call.Args.Select(a => Argument(a, indent, scope)))})",
        NullArg => "null",
        FileTextArg file => $"File.ReadAllText({Literal(file.Path, indent)})",
        NetworkdTextArg networkd => Argument(networkd.File, indent, scope) + ".ToText()",
        _ => throw new InvalidOperationException($"cannot write {argument.GetType().Name}"),
    };

    private static string Value(object value, int indent) => value switch
    {
        string s => Literal(s, indent),
        bool b => b ? "true" : "false",
        long or ulong or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => Double(d),
        Enum e => $"{TypeName(e.GetType())}.{e}",
        Uri u => $"new Uri({Literal(u.OriginalString, indent)})",
        _ => throw new InvalidOperationException($"cannot write a {value.GetType().Name} literal"),
    };

    private static string Double(double value)
    {
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A raw JSON value as an expression: a literal for scalars, <c>JsonNode.Parse("...")</c> for objects and arrays.</summary>
    private static string Json(System.Text.Json.Nodes.JsonNode? node, int indent) => node switch
    {
        null => "null",
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<string>(out var s) => $"(JsonNode){Literal(s, indent)}",
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<bool>(out var b) => b ? "(JsonNode)true" : "(JsonNode)false",
        System.Text.Json.Nodes.JsonValue v when v.TryGetValue<long>(out var l) => $"(JsonNode){l.ToString(CultureInfo.InvariantCulture)}",
        _ => $"JsonNode.Parse({Literal(node.ToJsonString(), indent)})",
    };

    /// <summary>A raw node as an expression.</summary>
    private static string Node(ConfigNode node, int indent) => node switch
    {
        ConfigScalar { Tag: not null } s => $"new ConfigScalar({Literal(s.Value, indent)}, ScalarKind.{s.Kind}) {{ Tag = {Literal(s.Tag, indent)} }}",
        ConfigScalar { Kind: ScalarKind.String } s => $"ConfigScalar.String({Literal(s.Value, indent)})",
        ConfigScalar { Kind: ScalarKind.Bool } s when s.Value is "true" or "false" => $"ConfigScalar.Bool({s.Value})",
        ConfigScalar s => $"new ConfigScalar({Literal(s.Value, indent)}, ScalarKind.{s.Kind})",
        ConfigSequence q => $"ConfigNodes.Sequence({string.Join(", ", q.Select(i => Node(i, indent)))})",
        ConfigMapping m => $"ConfigNodes.Mapping({string.Join(", ", m.Select(e => $"({Literal(e.Key, indent)}, {Node(e.Value, indent)})"))})",
        _ => throw new InvalidOperationException($"cannot write {node.GetType().Name}"),
    };

    /// <summary>
    /// A string literal: a raw string literal for multi-line text when it can hold it byte for byte (it reads like
    /// the unit file), else a regular literal with escapes.
    /// </summary>
    public static string Literal(string value, int indent)
    {
        if (value.TrimEnd('\n').Contains('\n', StringComparison.Ordinal) && CanBeRaw(value))
        {
            var quotes = new string('"', Math.Max(3, LongestQuoteRun(value) + 1));
            var pad = Pad(indent + Indent);
            var text = new StringBuilder(quotes).Append('\n');
            foreach (var line in value.Split('\n'))
            {
                text.Append(line.Length == 0 ? "" : pad).Append(line).Append('\n');
            }

            return text.Append(pad).Append(quotes).ToString();
        }

        var literal = new StringBuilder("\"");
        foreach (var c in value)
        {
            literal.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\0' => "\\0",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return literal.Append('"').ToString();
    }

    /// <summary>Raw literals drop a whitespace-only last line and cannot hold control characters other than tab.</summary>
    private static bool CanBeRaw(string value) =>
        !value.Any(c => (char.IsControl(c) && c is not ('\n' or '\t')) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
        && value.Split('\n').All(line => line.Length == 0 || !string.IsNullOrWhiteSpace(line))
        && !value.StartsWith('"') && !value.EndsWith('"');

    private static int LongestQuoteRun(string value)
    {
        int longest = 0, run = 0;
        foreach (var c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static string TypeName(Type type)
    {
        var clash = ImplicitNamespaces.Any(ns => Type.GetType($"{ns}.{type.Name}") is not null
            || AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetType($"{ns}.{type.Name}") is not null));
        return clash ? $"{type.Namespace}.{type.Name}" : type.Name;
    }

    private static string FreshName(string hint, List<string> scope)
    {
        var name = Keywords.Contains(hint) ? hint + "_" : hint;
        var candidate = name;
        for (var i = 2; scope.Contains(candidate); i++)
        {
            candidate = name + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Pad(int width) => new(' ', width);
}
