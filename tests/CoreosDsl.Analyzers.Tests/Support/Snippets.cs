namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>Wraps statements or builder chains into complete snippets.</summary>
public static class Snippets
{
    /// <summary>A class with one method that returns a unit built by <paramref name="expression"/>.</summary>
    public static string Unit(string expression) => $$"""
        public static class Snippet
        {
            public static UnitFile Build() => {{expression}};
        }
        """;

    /// <summary>A class whose <c>Define()</c> returns a worker configured by <paramref name="configure"/> (the body of <c>w =&gt; ...</c>).</summary>
    public static string Worker(string configure, string members = "") => $$"""
        public static class Snippet
        {
        {{members}}
            public static WorkerDefinition Define() => Worker.Define("worker", w => {{configure}});
        }
        """;

    /// <summary>A worker whose coreos.units are configured by <paramref name="units"/> (the body of <c>units =&gt; ...</c>).</summary>
    public static string Units(string units, string members = "") => Worker($"w.Coreos(c => c.Units(units => {units}))", members);
}
