using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoreosDsl.Text;

namespace CoreosDsl.Ignition.Validation;

/// <summary>What <see cref="IgnitionValidator"/> found in one config, with the text it read (for rendering).</summary>
public sealed class IgnitionValidationReport
{
    private readonly string[] sourceLines;

    internal IgnitionValidationReport(
        string source, string? version, IReadOnlyList<IgnitionValidationEntry> entries, IReadOnlyList<IgnitionUnitText> units, IReadOnlyList<IgnitionFileText>? files = null)
    {
        Files = files ?? [];
        Source = source;
        Version = version;
        Entries = entries;
        Units = units;
        sourceLines = source.Split('\n');
    }

    /// <summary>The config's text, which the line numbers refer to.</summary>
    public string Source { get; }

    /// <summary>The supported spec version the config declares (<c>3.3.0</c>), or null when it declares none Ignition reads.</summary>
    public string? Version { get; }

    /// <summary>The entries: ignition-validate's rules in its order, then those added by <see cref="WithEntries"/>.</summary>
    public IReadOnlyList<IgnitionValidationEntry> Entries { get; }

    /// <summary>The units of <c>systemd.units</c> as decoded (none when the config could not be read).</summary>
    public IReadOnlyList<IgnitionUnitText> Units { get; }

    /// <summary>The files of <c>storage.files</c> whose contents are inline text (a data URL without compression), as decoded.</summary>
    public IReadOnlyList<IgnitionFileText> Files { get; }

    /// <summary>Whether any entry is an error (ignition-validate would exit 1).</summary>
    public bool HasErrors => Entries.Any(e => e.Severity == IgnitionSeverity.Error);

    /// <summary>ok, warning or error: the worst entry, as a word.</summary>
    public string Verdict => HasErrors ? "error" : Entries.Count > 0 ? "warning" : "ok";

    /// <summary>A report with <paramref name="more"/> appended (checks beyond ignition-validate's, such as unit contents).</summary>
    /// <param name="more">The entries to add.</param>
    /// <returns>The new report.</returns>
    public IgnitionValidationReport WithEntries(IEnumerable<IgnitionValidationEntry> more) => new(Source, Version, [.. Entries, .. more], Units, Files);

    /// <summary>
    /// Renders the entries like a compiler (or Butane): severity, rule, JSON path and message, then the file, line and
    /// column, the source line and a caret under the key or value, and a summary line.
    /// </summary>
    /// <param name="fileName">The name to print in the <c>--&gt;</c> lines.</param>
    /// <returns>The text.</returns>
    public string Render(string fileName = "ignition.json")
    {
        var sb = new StringBuilder();
        foreach (var e in Entries)
        {
            SourceCaret.Append(sb, $"{e.SeverityText}[{e.Rule}]: {e.JsonPath}: {e.FullMessage}", fileName, sourceLines, e.Line, e.Column, e.Length);
        }

        var errors = Entries.Count(e => e.Severity == IgnitionSeverity.Error);
        sb.Append(CultureInfo.InvariantCulture, $"{fileName}: {errors} error(s), {Entries.Count - errors} warning(s)\n");
        return sb.ToString();
    }

    /// <summary>The entries as a JSON array of <c>{"kind", "path", "line", "column", "message", "fix", "rule"}</c> objects.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteString("kind", e.SeverityText);
                json.WriteString("path", e.JsonPath);
                json.WriteNumber("line", e.Line);
                json.WriteNumber("column", e.Column);
                json.WriteString("message", e.Message);
                if (e.Fix is { } fix)
                {
                    json.WriteString("fix", fix);
                }

                json.WriteString("rule", e.Rule);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <inheritdoc />
    public override string ToString() => string.Join('\n', Entries);
}
