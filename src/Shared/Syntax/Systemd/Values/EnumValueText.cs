namespace CoreosDsl.Systemd;

/// <summary>
/// The text of an enum directive: the generated builder marks its parameters
/// <c>[SystemdSyntax("enum:NAME:v1 v2 ...|FORMS")]</c> (the enum's values from the schema, and the directive's
/// <c>forms=</c> such as <c>file:&lt;PATH&gt;</c>); its string form and the checks of raw unit text read the value
/// against them. systemd looks the value up case-sensitively; some enums take more than their listed values, as
/// their parsers say (the notes of generators/schemas/systemd/enums.schema).
/// </summary>
internal static class EnumValueText
{
    /// <summary>Enums whose parser also takes a boolean (<c>parse_boolean</c>: yes/no, true/false, on/off, 1/0 ...).</summary>
    private static readonly HashSet<string> AlsoBoolean = new(StringComparer.Ordinal)
    {
        "ExecPreserveMode", "ProtectSystem", "ProtectHome", "ProtectHostname", "ProtectControlGroups", "PrivateTmp",
        "PrivateUsers", "PrivatePIDs", "PrivateBPF", "CGroupPressureWatch", "BindIPv6Only", "SocketTimestamping",
        "SocketDeferTrigger", "RefreshOnReload",
    };

    /// <summary>Enums whose parser also takes a number, and the numbers it takes.</summary>
    private static readonly Dictionary<string, (long Min, long Max)> AlsoNumber = new(StringComparer.Ordinal)
    {
        ["IOSchedulingClass"] = (0, 3),            // ioprio_class_from_string: IOPRIO_N_CLASSES
        ["CPUSchedulingPolicy"] = (0, int.MaxValue), // sched_policy_from_string: any non-negative int
        ["SyslogFacility"] = (0, 23),              // log_facility_unshifted_from_string: < LOG_NFACILITIES
        ["LogLevel"] = (0, 7),                     // log_level_from_string: <= LOG_DEBUG
        ["IPTOS"] = (0, 255),
    };

    /// <summary>Other spellings systemd reads for a value (obsolete names it maps, unit aliases).</summary>
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        // "Standard output type syslog is obsolete, automatically updating to journal."
        ["StandardOutputTarget"] = ["syslog", "syslog+console"],
        ["ExecOutput"] = ["syslog", "syslog+console"],
        ["SocketTimestamping"] = ["usec", "µs", "μs", "nsec"],
    };

    /// <summary>True when <paramref name="syntax"/> is an enum syntax.</summary>
    public static bool IsEnumSyntax(string syntax) => syntax.StartsWith("enum:", StringComparison.Ordinal);

    /// <summary>Why systemd would not read <paramref name="value"/> for the enum of <paramref name="syntax"/>, or null.</summary>
    public static string? Problem(string syntax, string value)
    {
        var rest = syntax.Substring("enum:".Length);
        var colon = rest.IndexOf(':');
        if (colon < 0)
        {
            return null; // an enum syntax without values: nothing to check against
        }

        var name = rest.Substring(0, colon);
        var bar = rest.IndexOf('|', colon + 1);
        var values = (bar < 0 ? rest.Substring(colon + 1) : rest.Substring(colon + 1, bar - colon - 1))
            .Split([' '], StringSplitOptions.RemoveEmptyEntries);
        var forms = bar < 0 ? [] : rest.Substring(bar + 1).Split([' '], StringSplitOptions.RemoveEmptyEntries);
        if (values.Length == 0 || IsAccepted(name, values, forms, value))
        {
            return null;
        }

        var closest = values.OrderBy(v => EditDistance.Between(v, value)).First();
        var hint = EditDistance.Between(closest, value) <= Math.Max(2, value.Length / 3) ? $"; did you mean '{closest}'" : "";
        var also = forms.Length > 0 ? " or one of the forms " + string.Join(", ", forms) : "";
        return $"{ValueText.Quote(value)} is not a value systemd reads here (it ignores the line){hint}; write one of {string.Join(", ", values)}{also}";
    }

    private static bool IsAccepted(string name, string[] values, string[] forms, string value)
    {
        if (Array.IndexOf(values, value) >= 0)
        {
            return true;
        }

        if (AlsoBoolean.Contains(name) && ValueText.TryParseBoolean(value, out _))
        {
            return true;
        }

        if (AlsoNumber.TryGetValue(name, out var range) && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return number >= range.Min && number <= range.Max;
        }

        if (Aliases.TryGetValue(name, out var aliases) && Array.IndexOf(aliases, value) >= 0)
        {
            return true;
        }

        // ProtectHostname=yes:NAME / private:NAME.
        if (name == "ProtectHostname" && value.IndexOf(':') is var c && c > 0)
        {
            return Array.IndexOf(values, value.Substring(0, c)) >= 0 || ValueText.TryParseBoolean(value.Substring(0, c), out _);
        }

        // The directive's forms: fd:<NAME>, file:<PATH>, ... (what follows the colon is the form's own business).
        foreach (var form in forms)
        {
            var formColon = form.IndexOf(':');
            if (formColon > 0 && value.Length > formColon + 1 && string.CompareOrdinal(value, 0, form, 0, formColon + 1) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
