using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CoreosDsl.CloudConfig;

/// <summary>Emits a <see cref="ConfigMapping"/> through YamlDotNet's event emitter, choosing every scalar's style itself.</summary>
internal static class CloudConfigYamlWriter
{
    /// <summary>The first line of every cloud-config.</summary>
    public const string Header = "#cloud-config";

    public static string Write(ConfigMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        text.Write(Header);
        text.Write('\n');

        // Width "infinite": never fold a long line (unit lines, ssh keys); 2-space indentation; sequences under a key
        // not indented ("units:\n- name: ..."), like the seed; simple keys up to YAML's 1024-character limit.
        var settings = new EmitterSettings(2, int.MaxValue, false, 1024, false, false, "\n", false);
        var emitter = new Emitter(text, settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, true));
        EmitNode(emitter, root, "");
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void EmitNode(IEmitter emitter, ConfigNode node, string path)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                emitter.Emit(new MappingStart(null, null, true, MappingStyle.Block));
                foreach (var (key, value) in mapping)
                {
                    EmitString(emitter, key, isKey: true, Describe(path, key));
                    EmitNode(emitter, value, Describe(path, key));
                }

                emitter.Emit(new MappingEnd());
                break;
            case ConfigSequence sequence:
                emitter.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
                for (var i = 0; i < sequence.Count; i++)
                {
                    EmitNode(emitter, sequence[i], $"{path}[{i}]");
                }

                emitter.Emit(new SequenceEnd());
                break;
            case ConfigScalar scalar:
                EmitScalar(emitter, scalar, path);
                break;
            default:
                throw new ArgumentException($"{Where(path)}: unknown node type {node.GetType().Name}", nameof(node));
        }
    }

    private static void EmitScalar(IEmitter emitter, ConfigScalar scalar, string path)
    {
        if (scalar.Tag is not null)
        {
            // An explicit tag (e.g. !!binary) is kept; its text is written quoted so nothing else can change it.
            emitter.Emit(new Scalar(null, scalar.Tag, scalar.Value, ScalarStyle.DoubleQuoted, false, false));
            return;
        }

        switch (scalar.Kind)
        {
            case ScalarKind.String:
                EmitString(emitter, scalar.Value, isKey: false, path);
                break;
            case ScalarKind.Null:
                // YamlDotNet quotes an empty plain scalar (''), which would be a string; "null" is null in both dialects.
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case ScalarKind.Bool:
                emitter.Emit(new Scalar(null, null, CanonicalBool(scalar.Value, path), ScalarStyle.Plain, true, false));
                break;
            case ScalarKind.Int:
            case ScalarKind.Float:
                emitter.Emit(new Scalar(null, null, CheckedNumber(scalar, path), ScalarStyle.Plain, true, false));
                break;
            default:
                throw new ArgumentException($"{Where(path)}: unknown scalar kind {scalar.Kind}", nameof(scalar));
        }
    }

    private static void EmitString(IEmitter emitter, string value, bool isKey, string path)
    {
        RejectLoneSurrogates(value, path);
        var style = ScalarStyleRules.Choose(value, isKey) switch
        {
            StringStyle.Plain => ScalarStyle.Plain,
            StringStyle.Literal => ScalarStyle.Literal,
            _ => ScalarStyle.DoubleQuoted,
        };

        // isPlainImplicit is true only for plain: a quoted or literal scalar is a string whatever its text.
        emitter.Emit(new Scalar(null, null, value, style, style == ScalarStyle.Plain, style != ScalarStyle.Plain));
    }

    private static string CanonicalBool(string value, string path)
    {
        if (PlainScalarResolver.TryParseYaml11Bool(value, out var b))
        {
            // Only true/false are booleans in both dialects (yaml.v3 reads "yes" as a string).
            return b ? "true" : "false";
        }

        throw new ArgumentException($"{Where(path)}: a Bool scalar holds \"{value}\"; use ConfigScalar.Bool(true|false).");
    }

    private static string CheckedNumber(ConfigScalar scalar, string path)
    {
        var want = scalar.Kind == ScalarKind.Int ? YamlValueKind.Int : YamlValueKind.Float;
        var coreos = PlainScalarResolver.Resolve(scalar.Value, CloudConfigDialect.CoreOS);
        var flatcar = PlainScalarResolver.Resolve(scalar.Value, CloudConfigDialect.Flatcar);
        if (coreos == want && flatcar == want)
        {
            return scalar.Value;
        }

        // Integral floats like "5" read back as ints; keep them floats.
        if (want == YamlValueKind.Float && coreos == YamlValueKind.Int && flatcar == YamlValueKind.Int
            && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            return scalar.Value + ".0";
        }

        throw new ArgumentException(
            $"{Where(path)}: the {scalar.Kind} scalar \"{scalar.Value}\" is not read as {scalar.Kind} by both coreos-cloudinit " +
            $"dialects (CoreOS: {coreos}, Flatcar: {flatcar}); build it with ConfigScalar.{scalar.Kind}(…).");
    }

    private static void RejectLoneSurrogates(string value, string path)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                throw new ArgumentException(
                    $"{Where(path)}: the text has a lone UTF-16 surrogate (U+{(int)value[i]:X4}) at index {i}; it cannot be written as UTF-8.");
            }
        }
    }

    private static string Describe(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Where(string path) => path.Length == 0 ? "the document root" : $"\"{path}\"";
}
