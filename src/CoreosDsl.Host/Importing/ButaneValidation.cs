using System.Text;
using System.Text.Json;
using CoreosDsl.Ignition.Validation;

namespace CoreosDsl.Host;

/// <summary>What <see cref="ButaneValidation.Validate"/> found.</summary>
/// <param name="Refusal">Why Butane would refuse the file (the key and the fix), or null when it translates.</param>
/// <param name="Report">
/// When it translates: the findings on the Ignition config it becomes (lines of the pretty-printed translation), then
/// what Butane warns about (a key it ignores, <c>Unused key</c>; a mode that looks decimal; no line).
/// </param>
internal sealed record ButaneValidationResult(string? Refusal, IgnitionValidationReport? Report)
{
    /// <summary><c>error</c>, <c>warning</c> or <c>ok</c>, as <see cref="IgnitionValidationReport.Verdict"/>.</summary>
    public string Verdict => Refusal is not null ? "error" : Report!.Verdict;
}

/// <summary>
/// <c>validate FILE.bu</c>: a Butane config (<c>variant: flatcar</c>) translated as Butane would
/// (<see cref="ButaneImport.Translate(string, string)"/>), then the Ignition config it becomes checked as <c>validate FILE.json</c>
/// checks one (<see cref="IgnitionFileValidation"/>). What Butane refuses is an error; what it ignores with a
/// warning is a warning, so <c>--strict</c> fails where <c>butane --strict</c> does.
/// </summary>
internal static class ButaneValidation
{
    /// <summary>Validates <paramref name="yaml"/>; local files are read relative to <paramref name="filesDir"/>.</summary>
    public static ButaneValidationResult Validate(string yaml, string filesDir)
    {
        ButaneTranslation translation;
        try
        {
            translation = ButaneImport.Translate(yaml, filesDir);
        }
        catch (ButaneException e)
        {
            return new ButaneValidationResult(e.Message.TrimStart(), null);
        }

        var translated = translation.Config.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        var unused = translation.Warnings
            .Select(n => (Rule: n.Contains("(Unused key ", StringComparison.Ordinal) ? "unused-key" : "butane", Parts: n.Split(": ", 2)))
            .Select(n => new IgnitionValidationEntry(IgnitionSeverity.Warning, n.Rule, n.Parts[0], 0, 0, n.Parts[1]));
        return new ButaneValidationResult(null, IgnitionFileValidation.Validate(Encoding.UTF8.GetBytes(translated)).WithEntries(unused));
    }
}
