using System.Reflection;
using System.Runtime.Loader;

namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// Runs compiled snippet code: emits the assembly, loads it into a collectible context (CoreosDsl itself comes from
/// the test's own context, so the worker it returns is an ordinary <see cref="WorkerDefinition"/>; the generated
/// builders from the harness's shared assembly) and calls a static method.
/// </summary>
public static class SnippetRunner
{
    public static T Call<T>(CompiledSnippet compiled, string typeName, string methodName)
    {
        var context = new AssemblyLoadContext("snippet", isCollectible: true);
        try
        {
            var assembly = AnalyzerHarness.Load(context, AnalyzerHarness.Emit(compiled));
            var method = assembly.GetType(typeName, throwOnError: true)!.GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{typeName}.{methodName} not found");
            return (T)method.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The worker <c>Snippet.Define()</c> returns.</summary>
    public static WorkerDefinition Define(CompiledSnippet compiled) => Call<WorkerDefinition>(compiled, "Snippet", "Define");
}
