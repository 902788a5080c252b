namespace CoreosDsl.Analyzers.Tests.Support;

/// <summary>
/// The xunit collection of the test classes that redirect <see cref="Console.Out"/>: tests of one collection never
/// run at the same time, so one test's output never lands in another's writer.
/// </summary>
public static class ConsoleOutput
{
    /// <summary>The collection's name, for <c>[Collection(ConsoleOutput.Collection)]</c>.</summary>
    public const string Collection = "Console.Out";
}
