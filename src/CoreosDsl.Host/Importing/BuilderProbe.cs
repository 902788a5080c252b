using System.Reflection;

namespace CoreosDsl.Host;

/// <summary>
/// Sample arguments for calling a builder method on a scratch builder, to learn which key it sets (the cloud-config
/// and Ignition builder catalogs both probe their builders this way).
/// </summary>
internal static class BuilderProbe
{
    /// <summary>
    /// One argument list per sample text, for a method whose parameters are all of types given a sample here (null
    /// arguments of other types end that list): strings get the sample (only the first string when
    /// <paramref name="everyString"/> is false; the others <c>"y"</c>), numbers 1, booleans true, enums their first
    /// value, actions an empty lambda, optional parameters their default.
    /// </summary>
    public static IEnumerable<object?[]> SampleArguments(MethodInfo method, IReadOnlyList<string> samples, bool everyString)
    {
        var parameters = method.GetParameters();
        foreach (var sample in samples)
        {
            var values = new object?[parameters.Length];
            var ok = true;
            for (var i = 0; i < parameters.Length && ok; i++)
            {
                var type = parameters[i].ParameterType;
                values[i] = type switch
                {
                    _ when type == typeof(string) => everyString || i == 0 ? sample : "y",
                    _ when type == typeof(bool) => true,
                    _ when type == typeof(long) || type == typeof(int) || type == typeof(ulong) => Convert.ChangeType(1, type, System.Globalization.CultureInfo.InvariantCulture),
                    _ when type == typeof(double) => 1.0,
                    _ when type == typeof(Uri) => new Uri("http://x.example/"),
                    _ when type == typeof(string[]) => new[] { sample },
                    _ when type == typeof(Uri[]) => new[] { new Uri("http://x.example/") },
                    _ when type == typeof(IEnumerable<string>) => new[] { sample },
                    _ when type == typeof(UnixFileMode) => (UnixFileMode)0x1A4,
                    { IsEnum: true } => Enum.GetValues(type).GetValue(0),
                    { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Action<>) => new LambdaArg("x", []).Evaluate(type),
                    _ when parameters[i].HasDefaultValue => parameters[i].DefaultValue,
                    _ => null,
                };
                ok = values[i] is not null || parameters[i].HasDefaultValue;
            }

            if (ok)
            {
                yield return values;
            }
        }
    }
}
