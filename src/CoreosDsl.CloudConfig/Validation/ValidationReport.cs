using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CoreosDsl.Text;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>What the validator found in one user-data, with the text it looked at (for rendering).</summary>
public sealed class ValidationReport
{
    private readonly string[] sourceLines;

    internal ValidationReport(UserDataKind kind, CloudConfigDialect dialect, string source, IReadOnlyList<ValidationEntry> entries)
    {
        Kind = kind;
        Dialect = dialect;
        Source = source;
        Entries = entries;
        sourceLines = source.Split('\n');
    }

    /// <summary>What the user-data was detected as.</summary>
    public UserDataKind Kind { get; }

    /// <summary>The dialect it was validated for.</summary>
    public CloudConfigDialect Dialect { get; }

    /// <summary>The validated text (gunzipped, carriage returns removed), which the line numbers refer to.</summary>
    public string Source { get; }

    /// <summary>The entries, in rule order, then document order within a rule.</summary>
    public IReadOnlyList<ValidationEntry> Entries { get; }

    /// <summary>Whether any entry is an error.</summary>
    public bool HasErrors => Entries.Any(e => e.Severity == ValidationSeverity.Error);

    /// <summary>Whether the report passes under <paramref name="mode"/>.</summary>
    public bool IsSuccess(ValidationFailureMode mode = ValidationFailureMode.AnyEntry) =>
        mode == ValidationFailureMode.AnyEntry ? Entries.Count == 0 : !HasErrors;

    /// <summary>0 when the report passes under <paramref name="mode"/>, else 1 (as <c>coreos-cloudinit -validate</c>).</summary>
    public int ExitCode(ValidationFailureMode mode = ValidationFailureMode.AnyEntry) => IsSuccess(mode) ? 0 : 1;

    /// <summary>
    /// Renders the entries like a compiler (or Butane): the severity and message, the file, line and column, the
    /// source line and a caret under the key or value.
    /// </summary>
    /// <param name="fileName">The name to print in the <c>--&gt;</c> lines.</param>
    public string Render(string fileName = "cloud-config.yml")
    {
        var sb = new StringBuilder();
        foreach (var entry in Entries)
        {
            SourceCaret.Append(sb, $"{ValidationEntry.SeverityText(entry.Severity)}[{entry.RuleId}]: {entry.Message}", fileName, sourceLines, entry.Line, entry.Column, entry.Length);
        }

        var errors = Entries.Count(e => e.Severity == ValidationSeverity.Error);
        var warnings = Entries.Count(e => e.Severity == ValidationSeverity.Warning);
        var infos = Entries.Count - errors - warnings;
        sb.Append(CultureInfo.InvariantCulture, $"{fileName}: {errors} error(s), {warnings} warning(s), {infos} info(s)\n");
        return sb.ToString();
    }

    /// <summary>
    /// The entries as a JSON array of <c>{"kind", "line", "message"}</c> objects (coreos-cloudinit's fields) plus
    /// <c>"column"</c> and <c>"rule"</c>.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var e in Entries)
            {
                json.WriteStartObject();
                json.WriteString("kind", ValidationEntry.SeverityText(e.Severity));
                json.WriteNumber("line", e.Line);
                if (e.Column is { } column)
                {
                    json.WriteNumber("column", column);
                }
                else
                {
                    json.WriteNull("column");
                }

                json.WriteString("message", e.Message);
                json.WriteString("rule", e.RuleId);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    /// <inheritdoc />
    public override string ToString() => string.Join('\n', Entries);
}
