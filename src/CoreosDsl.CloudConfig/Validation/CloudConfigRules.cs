using CoreosDsl.CloudConfig.Schema;
using CoreosDsl.Go;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// coreos-cloudinit's validation rules (config/validate/rules.go), in its order, with its messages and line rules;
/// then CoreosDsl's own dash-form rule. Within a rule, entries follow document order (coreos-cloudinit's follow
/// Go's random map order).
/// </summary>
internal static class CloudConfigRules
{
    public static void Run(ValidationNode root, CloudConfigDialect dialect, List<ValidationEntry> entries)
    {
        CheckDiscoveryUrl(root, entries);
        CheckEncoding(root, entries);
        CheckStructure(root, SchemaSlot.Root, entries);
        CheckValidity(root, SchemaSlot.Root, entries);
        CheckWriteFiles(root, entries);
        CheckWriteFilesUnderCoreos(root, entries);
        if (dialect == CloudConfigDialect.Flatcar)
        {
            CheckDashFormKeys(root, SchemaSlot.Root, entries);
        }
    }

    /// <summary><c>coreos.etcd.discovery</c> must pass Go's <c>url.ParseRequestURI</c>.</summary>
    private static void CheckDiscoveryUrl(ValidationNode root, List<ValidationEntry> entries)
    {
        var c = root.Child("coreos")?.Child("etcd")?.Child("discovery");
        if (c is { IsValid: true } && !GoUrl.IsValidRequestUri(c.GoString))
        {
            entries.Add(ValueEntry(c, ValidationSeverity.Warning, "discovery URL is not valid", ValidationRuleIds.DiscoveryUrl));
        }
    }

    /// <summary>Each <c>write_files</c> item with an <c>encoding</c> must have content that decodes with it.</summary>
    private static void CheckEncoding(ValidationNode root, List<ValidationEntry> entries)
    {
        foreach (var file in root.Child("write_files")?.Children ?? [])
        {
            var e = file.Child("encoding");
            if (e is not { IsValid: true })
            {
                continue;
            }

            var c = file.Child("content");
            var content = c?.GoBytes ?? "<invalid Value>"u8.ToArray();
            if (!GoContentDecoder.CanDecode(content, e.GoString))
            {
                var message = $"content cannot be decoded as {GoQuote.Quote(e.GoString)}";
                entries.Add(c is null
                    ? new ValidationEntry(0, null, ValidationSeverity.Error, message, ValidationRuleIds.Encoding)
                    : ValueEntry(c, ValidationSeverity.Error, message, ValidationRuleIds.Encoding));
            }
        }
    }

    /// <summary>Unknown keys, deprecated keys and values of the wrong type.</summary>
    private static void CheckStructure(ValidationNode node, SchemaSlot slot, List<ValidationEntry> entries)
    {
        if (!ValidationTreeBuilder.IsCompatible(node.Kind, ValidationTreeBuilder.KindOf(slot.Type)))
        {
            entries.Add(KeyEntry(node, ValidationSeverity.Warning,
                $"incorrect type for {GoQuote.Quote(node.Name)} (want {slot.HumanType})", ValidationRuleIds.IncorrectType));
            return;
        }

        switch (slot.Type)
        {
            case CloudConfigValueType.Object:
                foreach (var child in node.Children)
                {
                    if (slot.Child(child.Name) is { } childSlot)
                    {
                        if (childSlot.Key?.Deprecated is { Length: > 0 } why)
                        {
                            entries.Add(KeyEntry(child, ValidationSeverity.Warning,
                                $"deprecated key {GoQuote.Quote(child.Name)} ({why})", ValidationRuleIds.DeprecatedKey));
                        }

                        CheckStructure(child, childSlot, entries);
                    }
                    else
                    {
                        // coreos-cloudinit's message, and the key most likely meant when it is a typo.
                        var known = CloudConfigSchema.ChildrenOf(slot.Path).Select(k => k.Name);
                        var hint = KeySuggestions.Closest(child.Name, known) is { } meant ? $" (did you mean {GoQuote.Quote(meant)}?)" : "";
                        entries.Add(KeyEntry(child, ValidationSeverity.Warning,
                            $"unrecognized key {GoQuote.Quote(child.Name)}{hint}", ValidationRuleIds.UnrecognizedKey));
                    }
                }

                break;
            case CloudConfigValueType.ObjectList or CloudConfigValueType.StringList:
                foreach (var item in node.Children)
                {
                    CheckStructure(item, slot.Item(), entries);
                }

                break;
        }
    }

    /// <summary>Values of keys with a pattern must match it; zero values (empty strings) are skipped.</summary>
    private static void CheckValidity(ValidationNode node, SchemaSlot slot, List<ValidationEntry> entries)
    {
        // coreos-cloudinit panics (and returns a Go error) on a null or non-scalar value under a patterned key; the
        // type warning already covers those, so they are skipped here.
        if (slot.Key?.ValidPattern is { } pattern
            && node.Kind is GoKind.String or GoKind.Int or GoKind.Float or GoKind.Bool
            && !node.IsZero
            && !GoRegex.IsMatch(pattern, node.GoValueText))
        {
            entries.Add(ValueEntry(node, ValidationSeverity.Error, $"invalid value {node.GoValueText}", ValidationRuleIds.InvalidValue));
        }

        switch (slot.Type)
        {
            case CloudConfigValueType.Object:
                foreach (var child in node.Children)
                {
                    if (slot.Child(child.Name) is { } childSlot)
                    {
                        CheckValidity(child, childSlot, entries);
                    }
                }

                break;
            case CloudConfigValueType.ObjectList or CloudConfigValueType.StringList:
                foreach (var item in node.Children)
                {
                    CheckValidity(item, slot.Item(), entries);
                }

                break;
        }
    }

    /// <summary>Files may not go under <c>/usr</c> (read-only): Go's <c>path.Dir(path)</c> must not start with "/usr".</summary>
    private static void CheckWriteFiles(ValidationNode root, List<ValidationEntry> entries)
    {
        foreach (var file in root.Child("write_files")?.Children ?? [])
        {
            var p = file.Child("path");
            if (p is { IsValid: true } && GoPath.Dir(p.GoString).StartsWith("/usr", StringComparison.Ordinal))
            {
                entries.Add(ValueEntry(p, ValidationSeverity.Error, "file cannot be written to a read-only filesystem",
                    ValidationRuleIds.WriteFilesReadOnly));
            }
        }
    }

    /// <summary><c>write_files</c> is a top-level key; under <c>coreos</c> it is ignored.</summary>
    private static void CheckWriteFilesUnderCoreos(ValidationNode root, List<ValidationEntry> entries)
    {
        if (root.Child("coreos")?.Child("write_files") is { IsValid: true } c)
        {
            entries.Add(KeyEntry(c, ValidationSeverity.Info, "write_files doesn't belong under coreos", ValidationRuleIds.WriteFilesUnderCoreos));
        }
    }

    /// <summary>CoreosDsl's rule: Flatcar (3975.2.0 and later) ignores dash-form spellings of known keys.</summary>
    private static void CheckDashFormKeys(ValidationNode node, SchemaSlot slot, List<ValidationEntry> entries)
    {
        switch (slot.Type)
        {
            case CloudConfigValueType.Object when node.Kind == GoKind.Map:
                foreach (var child in node.Children)
                {
                    if (slot.Child(child.Name) is not { } childSlot)
                    {
                        continue;
                    }

                    if (child.RawName != child.Name)
                    {
                        entries.Add(KeyEntry(child, ValidationSeverity.Warning,
                            $"`{child.RawName}`: Flatcar ignores dash-form keys; write `{child.Name}` (CoreosDsl check; Flatcar 3975.2.0 and later)",
                            ValidationRuleIds.DashFormKey));
                    }

                    CheckDashFormKeys(child, childSlot, entries);
                }

                break;
            case CloudConfigValueType.ObjectList when node.Kind == GoKind.Slice:
                foreach (var item in node.Children)
                {
                    CheckDashFormKeys(item, slot.Item(), entries);
                }

                break;
        }
    }

    private static ValidationEntry KeyEntry(ValidationNode node, ValidationSeverity severity, string message, string rule) =>
        new(node.Line, node.KeyColumn(node.Line), severity, message, rule) { Length = node.KeyLength };

    private static ValidationEntry ValueEntry(ValidationNode node, ValidationSeverity severity, string message, string rule) =>
        new(node.Line, node.ValueColumn(node.Line), severity, message, rule)
        {
            Length = node.ValueColumn(node.Line) == node.KeyColumn(node.Line) && node.ValueSource?.Start.Line != node.Line
                ? node.KeyLength
                : node.ValueLength,
        };
}
