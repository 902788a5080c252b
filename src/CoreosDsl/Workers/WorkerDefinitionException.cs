using System.Diagnostics;
using System.Reflection;
using CoreosDsl.CloudConfig;
using CoreosDsl.Systemd;

namespace CoreosDsl;

/// <summary>
/// Defining a worker failed: its name is not valid, or its configuration threw (typically a value computed at run
/// time that the typed builders refuse, such as <c>OnCalendar($"*-*-* {hour}:00")</c> with hour 25). The message
/// names the place: the worker, the unit, section and directive when a unit's value was refused, the rule broken,
/// and the line of the definition that made it (when debugging symbols are there).
/// </summary>
public sealed class WorkerDefinitionException : Exception
{
    /// <summary>Creates the exception for <paramref name="worker"/>.</summary>
    /// <param name="worker">
    /// The worker's name as written in the definition, or null when the failure is outside any one worker (in the
    /// code that makes the workers, e.g. reading an inventory).
    /// </param>
    /// <param name="rule">What is wrong and how to fix it.</param>
    /// <param name="inner">The exception the definition threw, if any.</param>
    public WorkerDefinitionException(string? worker, string rule, Exception? inner = null)
        : this(worker, rule, inner, DefinitionLine(inner is null ? new StackTrace(1, fNeedFileInfo: true) : new StackTrace(inner, fNeedFileInfo: true)))
    {
    }

    private WorkerDefinitionException(string? worker, string rule, Exception? inner, string? source)
        : base($"{(worker is null ? "defining the workers" : $"worker \"{worker}\"")}: {rule}{(source is null ? "" : $" (at {source})")}", inner)
    {
        Worker = worker;
        Rule = rule;
        Source = source;
        if (inner is UnitDefinitionException unit)
        {
            Unit = unit.Unit;
            Section = unit.Section;
            Directive = unit.Directive;
        }
    }

    /// <summary>The worker's name, or null when the failure is outside any one worker's definition.</summary>
    public string? Worker { get; }

    /// <summary>The unit whose value was refused, when the failure is in a unit.</summary>
    public string? Unit { get; }

    /// <summary>The unit section, when the failure is in a unit.</summary>
    public string? Section { get; }

    /// <summary>The directive, when the failure is in a unit.</summary>
    public string? Directive { get; }

    /// <summary>The rule the definition breaks, and the fix.</summary>
    public string Rule { get; }

    /// <summary>
    /// The line of the definition that failed, as <c>FILE:LINE</c> (relative to the current directory when under
    /// it), or null when the stack trace has no line information (no debugging symbols).
    /// </summary>
    public new string? Source { get; }

    /// <summary>Wraps what the definition of <paramref name="worker"/> (null: of the workers as a whole) threw.</summary>
    public static WorkerDefinitionException Wrap(string? worker, Exception e) => e switch
    {
        WorkerDefinitionException already => already,
        null => throw new ArgumentNullException(nameof(e)),
        UnitDefinitionException or ArgumentException or FormatException or InvalidOperationException => new(worker, e.Message, e),
        _ => new(worker, $"{e.GetType().Name}: {e.Message}", e),
    };

    /// <summary>
    /// The first frame of <paramref name="trace"/> that is the user's code: it has a source file that is
    /// not generated (<c>.g.cs</c>) and is not in CoreosDsl's own libraries.
    /// </summary>
    private static string? DefinitionLine(StackTrace trace)
    {
        Assembly[] ours = [typeof(Worker).Assembly, typeof(ConfigMapping).Assembly, typeof(CloudConfigBuilder).Assembly, typeof(UnitDefinitionException).Assembly];
        foreach (var frame in trace.GetFrames())
        {
            var file = frame.GetFileName();
            var assembly = frame.GetMethod()?.DeclaringType?.Assembly;
            if (string.IsNullOrEmpty(file) || file.EndsWith(".g.cs", StringComparison.Ordinal) || assembly is null || ours.Contains(assembly))
            {
                continue;
            }

            var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
            var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
            return $"{shown}:{frame.GetFileLineNumber()}";
        }

        return null;
    }
}
