using System.Globalization;
using System.Text;
using CoreosDsl.CloudConfig.Schema;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// Validates user-data the way <c>coreos-cloudinit -validate</c> does (every rule of its config/validate package,
/// with its severities, messages and line numbers), for either dialect, plus CoreosDsl's dash-form check on Flatcar.
/// </summary>
public static class CloudConfigValidator
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
    private static readonly UTF8Encoding LenientUtf8 = new(false, false);

    /// <summary>
    /// Validates user-data bytes as coreos-cloudinit reads them: gzip'd user-data (1f 8b) is gunzipped first; the kind
    /// (script, Ignition, cloud-config, MIME) is told from the bytes whatever they hold; a cloud-config must then pass
    /// the YAML reader's byte rules (<see cref="YamlInputCheck"/>: UTF-8, no control characters), or nothing of it
    /// is applied.
    /// </summary>
    public static ValidationReport Validate(byte[] userData, CloudConfigDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(userData);
        if (!UserDataGzip.IsGzip(userData))
        {
            return ValidateUnpacked(userData, dialect);
        }

        bool truncated;
        try
        {
            userData = UserDataGzip.Gunzip(userData, out truncated);
        }
        catch (InvalidDataException e)
        {
            return Single(dialect, "", ValidationRuleIds.Gzip, e.Message);
        }

        var unpacked = ValidateUnpacked(userData, dialect);
        return truncated ? WithTruncationWarning(unpacked, userData.Length) : unpacked;
    }

    // coreos-cloudinit validates, and at boot applies, the prefix a truncated gzip stream unpacks to; it logs the
    // failure beside the validator's report. Ours is that report with the failure as a warning in front.
    private static ValidationReport WithTruncationWarning(ValidationReport report, int unpackedLength)
    {
        var warning = new ValidationEntry(1, null, ValidationSeverity.Warning, string.Create(CultureInfo.InvariantCulture,
            $"the gzip stream ends early: coreos-cloudinit logs \"Failed decompressing user-data\", applies only the {unpackedLength} bytes it could unpack (checked here) and reports failure; compress the whole file again with gzip"),
            ValidationRuleIds.Gzip);
        return new ValidationReport(report.Kind, report.Dialect, report.Source, [warning, .. report.Entries]);
    }

    private static ValidationReport ValidateUnpacked(byte[] userData, CloudConfigDialect dialect)
    {

        // Go converts the bytes to a string without checking them; invalid sequences can only fail the header test.
        var lossy = LenientUtf8.GetString(userData);
        if (UserDataDetector.Detect(lossy, dialect) != UserDataKind.CloudConfig)
        {
            var report = Validate(lossy, dialect);
            return report.Kind == UserDataKind.Unknown && ExplainEncoding(userData) is { } why
                ? new ValidationReport(report.Kind, dialect, report.Source, [.. report.Entries.Select(e => e.RuleId == ValidationRuleIds.Header ? e with { Message = $"{e.Message} ({why})" } : e)])
                : report;
        }

        if (YamlInputCheck.Check(userData) is { } problem)
        {
            var entries = new List<ValidationEntry>();
            AddInputProblem(problem, entries);
            return new ValidationReport(UserDataKind.CloudConfig, dialect, lossy.Replace("\r", "", StringComparison.Ordinal), entries);
        }

        return Validate(StrictUtf8.GetString(userData), dialect);
    }

    /// <summary>Validates user-data text.</summary>
    public static ValidationReport Validate(string userData, CloudConfigDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(userData);
        var source = userData.Replace("\r", "", StringComparison.Ordinal);
        var kind = UserDataDetector.Detect(userData, dialect);
        var entries = new List<ValidationEntry>();
        switch (kind)
        {
            case UserDataKind.CloudConfig:
                ValidateCloudConfig(userData, dialect, entries);
                break;
            case UserDataKind.Unknown:
                entries.Add(new ValidationEntry(1, 1, ValidationSeverity.Error,
                    dialect == CloudConfigDialect.CoreOS
                        ? "must be \"#cloud-config\" or begin with \"#!\""
                        : "must be \"#cloud-config\", multipart mime or begin with \"#!\"",
                    ValidationRuleIds.Header) { Length = Math.Max(1, source.Split('\n', 2)[0].Length) });
                break;
        }

        return new ValidationReport(kind, dialect, source, entries);
    }

    /// <summary>
    /// Validates what a builder produced: the document is written with <see cref="CloudConfigYaml.Write"/> and the
    /// text validated, so entries carry the lines of the emitted file.
    /// </summary>
    public static ValidationReport Validate(ConfigMapping document, CloudConfigDialect dialect) =>
        Validate(CloudConfigYaml.Write(document), dialect);

    private static void ValidateCloudConfig(string text, CloudConfigDialect dialect, List<ValidationEntry> entries)
    {
        if (YamlInputCheck.Check(text) is { } problem)
        {
            AddInputProblem(problem, entries);
            return;
        }

        YamlTreeNode? root;
        try
        {
            root = YamlTreeParser.Parse(text);
            RejectInvalidBinary(root);
            YamlTagRules.Check(root, dialect);
        }
        catch (YamlSyntaxException e)
        {
            entries.Add(new ValidationEntry(e.Line, e.Column, ValidationSeverity.Error, GoStyleMessage(e.Problem), ValidationRuleIds.YamlSyntax));

            // coreos-cloudinit goes on with an empty tree, whose structure check adds this (line 0) warning.
            entries.Add(new ValidationEntry(0, null, ValidationSeverity.Warning, "incorrect type for \"\" (want struct)", ValidationRuleIds.IncorrectType));
            return;
        }

        if (root is null || (root is YamlTreeScalar s && s.Resolve(dialect) == YamlValueKind.Null))
        {
            return;
        }

        if (root is not YamlTreeMapping mapping)
        {
            // go-yaml v1 silently leaves the map empty for a sequence; everything else fails to unmarshal.
            if (dialect == CloudConfigDialect.CoreOS && root is YamlTreeSequence)
            {
                return;
            }

            entries.Add(new ValidationEntry((int)root.Start.Line, (int)root.Start.Column, ValidationSeverity.Error,
                $"couldn't parse yaml error (the document is a {(root is YamlTreeSequence ? "sequence" : "scalar")}, not a mapping of keys)",
                ValidationRuleIds.YamlSyntax));
            return;
        }

        if (dialect == CloudConfigDialect.Flatcar)
        {
            if (FindDuplicateKey(mapping) is { } duplicate)
            {
                entries.Add(duplicate);
                return;
            }

            var typeErrors = FlatcarTypedDecoder.Check(mapping);
            if (typeErrors.Count > 0)
            {
                foreach (var (line, message) in typeErrors)
                {
                    entries.Add(new ValidationEntry(line, null, ValidationSeverity.Error,
                        $"Flatcar rejects the whole user-data: {message}", ValidationRuleIds.FlatcarTypedDecode));
                }

                return;
            }
        }

        var tree = ValidationTreeBuilder.BuildUntyped(mapping, text, dialect);
        ValidationTreeBuilder.ApplyTypedValues(tree, SchemaSlot.Root, TypedState.Decoded, dialect);
        CloudConfigRules.Run(tree, dialect, entries);
    }

    // The YAML reader fails before any node is built: coreos-cloudinit reports the reader's problem (at line 1: its
    // reader errors carry no line) and goes on with an empty tree, whose structure check adds the line-0 warning.
    private static void AddInputProblem(YamlInputProblem problem, List<ValidationEntry> entries)
    {
        entries.Add(new ValidationEntry(problem.Line, problem.Column, ValidationSeverity.Error, problem.Message, ValidationRuleIds.YamlCharacters));
        entries.Add(new ValidationEntry(0, null, ValidationSeverity.Warning, "incorrect type for \"\" (want struct)", ValidationRuleIds.IncorrectType));
    }

    // Why a file that is not recognised may be right after all: it is in an encoding coreos-cloudinit does not read.
    private static string? ExplainEncoding(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return "the file starts with a UTF-8 byte order mark (EF BB BF), which coreos-cloudinit reads as part of the first line: save it without one";
        }

        if (data.Length >= 2 && (data[0], data[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            return "the file is UTF-16 (it starts with a UTF-16 byte order mark); coreos-cloudinit reads UTF-8 only: save it as UTF-8";
        }

        var line = data[..Math.Min(data.Length, 64)];
        return line.Length >= 4 && line.Count((byte)0) * 3 >= line.Length
            ? "the file looks like UTF-16 (every other byte is zero); coreos-cloudinit reads UTF-8 only: save it as UTF-8"
            : null;
    }

    private static void RejectInvalidBinary(YamlTreeNode? node)
    {
        switch (node)
        {
            case YamlTreeScalar { Tag: "!!binary" } s when !GoContentDecoder.TryDecodeBase64(Encoding.UTF8.GetBytes(s.Text), out _):
                // Both Go libraries fail the whole parse; the message carries no line, so coreos-cloudinit says line 1.
                throw new YamlSyntaxException(1, 1, "!!binary value contains invalid base64 data");
            case YamlTreeMapping m:
                foreach (var (k, v) in m.Entries)
                {
                    RejectInvalidBinary(k);
                    RejectInvalidBinary(v);
                }

                break;
            case YamlTreeSequence q:
                foreach (var item in q.Items)
                {
                    RejectInvalidBinary(item);
                }

                break;
        }
    }

    private static ValidationEntry? FindDuplicateKey(YamlTreeNode node)
    {
        switch (node)
        {
            case YamlTreeMapping m:
                var seen = new Dictionary<string, YamlTreeScalar>(StringComparer.Ordinal);
                foreach (var (k, v) in m.Entries)
                {
                    if (seen.TryGetValue(k.Text, out var first))
                    {
                        return new ValidationEntry((int)k.Start.Line, (int)k.Start.Column, ValidationSeverity.Error,
                            $"couldn't parse yaml error (mapping key {GoQuote.Quote(k.Text)} already defined at line {first.Start.Line})",
                            ValidationRuleIds.YamlSyntax) { Length = k.Text.Length };
                    }

                    seen[k.Text] = k;
                    if (FindDuplicateKey(v) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case YamlTreeSequence q:
                return q.Items.Select(FindDuplicateKey).FirstOrDefault(e => e is not null);
            default:
                return null;
        }
    }

    // libyaml's messages read "could not find expected ':'"; YamlDotNet's read "While scanning a simple key, could
    // not find expected ':'." Keep the last clause, lower-cased and without the full stop.
    private static string GoStyleMessage(string message)
    {
        var text = message.TrimEnd('.');
        var comma = text.LastIndexOf(", ", StringComparison.Ordinal);
        if (text.StartsWith("While ", StringComparison.Ordinal) && comma > 0)
        {
            text = text[(comma + 2)..];
        }

        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    private static ValidationReport Single(CloudConfigDialect dialect, string source, string rule, string message) =>
        new(UserDataKind.Unknown, dialect, source, [new ValidationEntry(1, null, ValidationSeverity.Error, message, rule)]);
}
