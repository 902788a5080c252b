using System.IO.Compression;
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

    /// <summary>Validates user-data bytes: gzip'd user-data (1f 8b) is gunzipped first, as coreos-cloudinit does.</summary>
    public static ValidationReport Validate(byte[] userData, CloudConfigDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(userData);
        if (userData.Length >= 2 && userData[0] == 0x1f && userData[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(userData), CompressionMode.Decompress);
                using var plain = new MemoryStream();
                gzip.CopyTo(plain);
                userData = plain.ToArray();
            }
            catch (InvalidDataException e)
            {
                return Single(dialect, "", ValidationRuleIds.YamlSyntax, $"user-data starts with the gzip magic but cannot be gunzipped: {e.Message}");
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(userData);
        }
        catch (DecoderFallbackException e)
        {
            return Single(dialect, "", ValidationRuleIds.YamlSyntax, $"invalid UTF-8 at byte offset {e.Index}");
        }

        return Validate(text, dialect);
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
        YamlTreeNode? root;
        try
        {
            root = YamlTreeParser.Parse(text);
            RejectInvalidBinary(root);
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
