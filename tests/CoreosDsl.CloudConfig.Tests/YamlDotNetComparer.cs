using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>Compares the model with YamlDotNet's own representation model of the emitted text.</summary>
internal static class YamlDotNetComparer
{
    public static string? Compare(ConfigNode model, YamlNode yaml, string path = "$")
    {
        switch (model)
        {
            case ConfigMapping m:
                if (yaml is not YamlMappingNode ym || ym.Children.Count != m.Count)
                {
                    return $"{path}: expected a mapping of {m.Count} keys, YamlDotNet read {yaml.NodeType}";
                }

                var i = 0;
                foreach (var (key, value) in m)
                {
                    var (yk, yv) = ym.Children.ElementAt(i++);
                    if (yk is not YamlScalarNode ks || ks.Value != key)
                    {
                        return $"{path}: key {i - 1} is {yk}, expected \"{key}\"";
                    }

                    if (Compare(value, yv, $"{path}.{key}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case ConfigSequence s:
                if (yaml is not YamlSequenceNode ys || ys.Children.Count != s.Count)
                {
                    return $"{path}: expected a sequence of {s.Count}, YamlDotNet read {yaml.NodeType}";
                }

                for (var j = 0; j < s.Count; j++)
                {
                    if (Compare(s[j], ys.Children[j], $"{path}[{j}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case ConfigScalar scalar:
                if (yaml is not YamlScalarNode y)
                {
                    return $"{path}: expected a scalar, YamlDotNet read {yaml.NodeType}";
                }

                var text = y.Value ?? "";
                if (scalar.Kind == ScalarKind.String)
                {
                    if (y.Style == ScalarStyle.Plain && y.Tag.IsEmpty
                        && (PlainScalarResolver.Resolve(text, CloudConfigDialect.CoreOS) != YamlValueKind.String || PlainScalarResolver.Resolve(text, CloudConfigDialect.Flatcar) != YamlValueKind.String))
                    {
                        return $"{path}: string \"{scalar.Value}\" was written plain as \"{text}\", which YAML types";
                    }

                    return text == scalar.Value ? null : $"{path}: YamlDotNet read \"{text}\", expected \"{scalar.Value}\"";
                }

                return y.Style == ScalarStyle.Plain ? null : $"{path}: a {scalar.Kind} was written quoted";
            default:
                return $"{path}: unknown node";
        }
    }
}
