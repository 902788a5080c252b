namespace CoreosDsl.Rules;

/// <summary>How serious a rule's finding is.</summary>
internal enum RuleSeverity
{
    /// <summary>Suspicious or outdated; the machine may still come up.</summary>
    Warning,

    /// <summary>systemd or coreos-cloudinit refuses it, or the builder throws at run time.</summary>
    Error,
}

/// <summary>One rule: its stable ID, title, message format (<c>string.Format</c> placeholders) and severity.</summary>
internal sealed class RuleDescriptor
{
    public RuleDescriptor(string id, string title, string messageFormat, RuleSeverity severity, string category)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Severity = severity;
        Category = category;
    }

    public string Id { get; }

    public string Title { get; }

    public string MessageFormat { get; }

    public RuleSeverity Severity { get; }

    /// <summary><c>CoreosDsl.Values</c> for literal checks, <c>CoreosDsl.Units</c> for rules across units.</summary>
    public string Category { get; }

    /// <summary>The absolute address of the section of docs/diagnostics.md that explains the rule.</summary>
    public string HelpLink => DocumentationLinks.Diagnostic(Id);
}
