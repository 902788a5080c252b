using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace CoreosDsl.Host;

/// <summary>
/// Where commands print. For people at a terminal: colour, tables and progress bars (Spectre.Console). When the
/// output is redirected: plain lines that scripts and logs can read. With <c>--json</c>: one JSON document on
/// standard output and nothing else there. Errors and warnings always go to standard error.
/// </summary>
internal sealed class HostConsole
{
    /// <summary>Forces the rendering: <c>interactive</c> or <c>plain</c> (default: detect the terminal).</summary>
    public const string ModeVariable = "COREOSDSL_CONSOLE";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // One instance: options cache the serialization metadata, and serve writes a JSON line per request.
    private static readonly JsonSerializerOptions JsonLineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public HostConsole(TextWriter output, TextWriter error, TextReader input, bool interactive, bool inputInteractive)
    {
        Out = output;
        Error = error;
        In = input;
        Interactive = interactive;
        InputInteractive = inputInteractive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ErrorAnsi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(error),
        });
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input (confirmations).</summary>
    public TextReader In { get; }

    /// <summary>True when a person watches the output: colour, tables and progress bars.</summary>
    public bool Interactive { get; }

    /// <summary>True when a person can answer questions on standard input.</summary>
    public bool InputInteractive { get; }

    /// <summary>Rich output to standard output (plain when not interactive).</summary>
    public IAnsiConsole Ansi { get; }

    private IAnsiConsole ErrorAnsi { get; }

    /// <summary>The console of this process, rendering as the terminal (or <see cref="ModeVariable"/>) asks.</summary>
    public static HostConsole ForProcess()
    {
        var mode = Environment.GetEnvironmentVariable(ModeVariable);
        var interactive = mode switch
        {
            "interactive" => true,
            "plain" => false,
            _ => !Console.IsOutputRedirected && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal),
        };
        return new HostConsole(Console.Out, Console.Error, Console.In, interactive, !Console.IsInputRedirected);
    }

    /// <summary>Prints <c>error: MESSAGE</c> to standard error.</summary>
    public void WriteError(string message) => Problem("error", "red", message);

    /// <summary>Prints <c>warning: MESSAGE</c> to standard error.</summary>
    public void WriteWarning(string message) => Problem("warning", "yellow", message);

    /// <summary>Prints a JSON document to standard output.</summary>
    public void WriteJson(JsonNode node)
    {
        Out.Write(node.ToJsonString(JsonOptions).Replace("\r\n", "\n", StringComparison.Ordinal));
        Out.Write('\n');
    }

    /// <summary>A JSON document on one line (a log event), for JSON-lines output.</summary>
    public void WriteJsonLine(JsonNode node)
    {
        Out.Write(JsonLine(node));
        Out.Write('\n');
    }

    /// <summary>The text of a JSON-lines event, without the line end (what <see cref="WriteJsonLine"/> writes).</summary>
    public static string JsonLine(JsonNode node) => node.ToJsonString(JsonLineOptions);

    /// <summary>A line of text, with Spectre markup when interactive and the plain text otherwise.</summary>
    public void Line(string markup, string plain)
    {
        if (Interactive)
        {
            Ansi.MarkupLine(markup);
        }
        else
        {
            Out.WriteLine(plain);
        }
    }

    /// <summary>A line of plain text (escaped for markup when interactive).</summary>
    public void Line(string plain) => Line(Markup.Escape(plain), plain);

    private void Problem(string label, string colour, string message)
    {
        if (Interactive)
        {
            ErrorAnsi.MarkupLine($"[{colour}]{label}[/]: {Markup.Escape(message)}");
        }
        else
        {
            Error.WriteLine($"{label}: {message}");
        }
    }
}
