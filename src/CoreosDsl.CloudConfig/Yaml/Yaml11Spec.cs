using System.Text.RegularExpressions;

namespace CoreosDsl.CloudConfig;

/// <summary>
/// The implicit types of the YAML 1.1 type repository (yaml.org/type: bool, int, float, null, timestamp, merge,
/// value), as the full 1.1 spec defines them. Wider than what the Go libraries resolve (it adds sexagesimal
/// numbers like <c>1:20</c>, <c>=</c> and 1.1 timestamps); the writer quotes anything matching it so that no
/// YAML 1.1 reader, strict or lax, reads a string as something else.
/// </summary>
internal static partial class Yaml11Spec
{
    /// <summary>Whether a YAML 1.1 reader would type plain <paramref name="text"/> as something other than a string.</summary>
    public static bool IsImplicitlyTyped(string text) =>
        text.Length == 0
        || Bool().IsMatch(text)
        || Int().IsMatch(text)
        || Float().IsMatch(text)
        || Null().IsMatch(text)
        || Timestamp().IsMatch(text)
        || text is "<<" or "=";

    [GeneratedRegex("^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")]
    private static partial Regex Bool();

    [GeneratedRegex("^([-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+)$")]
    private static partial Regex Int();

    // The spec's fraction is [0-9.]*; PyYAML's is [0-9_]* (".51_000" is a float to it), so both are taken.
    [GeneratedRegex(@"^([-+]?([0-9][0-9_]*)?\.[0-9._]*([eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Float();

    [GeneratedRegex("^(~|null|Null|NULL)$")]
    private static partial Regex Null();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)$")]
    private static partial Regex Timestamp();
}
