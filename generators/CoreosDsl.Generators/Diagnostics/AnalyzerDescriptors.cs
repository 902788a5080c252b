using System.Collections.Immutable;
using CoreosDsl.Rules;
using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>
/// The compiler's view of the shared rule catalog: a <see cref="DiagnosticDescriptor"/> per rule with the catalog's
/// title, message and help link (what <c>worker.Validate()</c> reports too). ID, category and severity are written
/// out here as well, because analyzer release tracking (AnalyzerReleases.*.md) reads them from the source; a test
/// checks that they match the catalog.
/// </summary>
internal static class AnalyzerDescriptors
{
    private const string Values = "CoreosDsl.Values";
    private const string Units = "CoreosDsl.Units";

    public static readonly DiagnosticDescriptor InvalidCalendarEvent = new(
        RuleIds.InvalidCalendarEvent, RuleCatalog.InvalidCalendarEvent.Title, RuleCatalog.InvalidCalendarEvent.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidCalendarEvent.HelpLink);

    public static readonly DiagnosticDescriptor InvalidTimeSpan = new(
        RuleIds.InvalidTimeSpan, RuleCatalog.InvalidTimeSpan.Title, RuleCatalog.InvalidTimeSpan.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidTimeSpan.HelpLink);

    public static readonly DiagnosticDescriptor InvalidSize = new(
        RuleIds.InvalidSize, RuleCatalog.InvalidSize.Title, RuleCatalog.InvalidSize.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidSize.HelpLink);

    public static readonly DiagnosticDescriptor InvalidUnitName = new(
        RuleIds.InvalidUnitName, RuleCatalog.InvalidUnitName.Title, RuleCatalog.InvalidUnitName.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidUnitName.HelpLink);

    public static readonly DiagnosticDescriptor UnitNameOfWrongType = new(
        RuleIds.UnitNameOfWrongType, RuleCatalog.UnitNameOfWrongType.Title, RuleCatalog.UnitNameOfWrongType.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.UnitNameOfWrongType.HelpLink);

    public static readonly DiagnosticDescriptor InvalidCommandLine = new(
        RuleIds.InvalidCommandLine, RuleCatalog.InvalidCommandLine.Title, RuleCatalog.InvalidCommandLine.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidCommandLine.HelpLink);

    public static readonly DiagnosticDescriptor UnknownSpecifier = new(
        RuleIds.UnknownSpecifier, RuleCatalog.UnknownSpecifier.Title, RuleCatalog.UnknownSpecifier.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.UnknownSpecifier.HelpLink);

    public static readonly DiagnosticDescriptor InvalidEnvironmentName = new(
        RuleIds.InvalidEnvironmentName, RuleCatalog.InvalidEnvironmentName.Title, RuleCatalog.InvalidEnvironmentName.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidEnvironmentName.HelpLink);

    public static readonly DiagnosticDescriptor PathNotAbsolute = new(
        RuleIds.PathNotAbsolute, RuleCatalog.PathNotAbsolute.Title, RuleCatalog.PathNotAbsolute.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.PathNotAbsolute.HelpLink);

    public static readonly DiagnosticDescriptor InvalidSshKey = new(
        RuleIds.InvalidSshKey, RuleCatalog.InvalidSshKey.Title, RuleCatalog.InvalidSshKey.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidSshKey.HelpLink);

    public static readonly DiagnosticDescriptor InvalidUrl = new(
        RuleIds.InvalidUrl, RuleCatalog.InvalidUrl.Title, RuleCatalog.InvalidUrl.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidUrl.HelpLink);

    public static readonly DiagnosticDescriptor InvalidHostName = new(
        RuleIds.InvalidHostName, RuleCatalog.InvalidHostName.Title, RuleCatalog.InvalidHostName.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidHostName.HelpLink);

    public static readonly DiagnosticDescriptor InvalidFileMode = new(
        RuleIds.InvalidFileMode, RuleCatalog.InvalidFileMode.Title, RuleCatalog.InvalidFileMode.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidFileMode.HelpLink);

    public static readonly DiagnosticDescriptor InvalidValue = new(
        RuleIds.InvalidValue, RuleCatalog.InvalidValue.Title, RuleCatalog.InvalidValue.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.InvalidValue.HelpLink);

    public static readonly DiagnosticDescriptor ValueRefusedByValidator = new(
        RuleIds.ValueRefusedByValidator, RuleCatalog.ValueRefusedByValidator.Title, RuleCatalog.ValueRefusedByValidator.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.ValueRefusedByValidator.HelpLink);

    public static readonly DiagnosticDescriptor UnknownUnit = new(
        RuleIds.UnknownUnit, RuleCatalog.UnknownUnit.Title, RuleCatalog.UnknownUnit.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.UnknownUnit.HelpLink);

    public static readonly DiagnosticDescriptor ActivatedUnitMissing = new(
        RuleIds.ActivatedUnitMissing, RuleCatalog.ActivatedUnitMissing.Title, RuleCatalog.ActivatedUnitMissing.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.ActivatedUnitMissing.HelpLink);

    public static readonly DiagnosticDescriptor MountNameMismatch = new(
        RuleIds.MountNameMismatch, RuleCatalog.MountNameMismatch.Title, RuleCatalog.MountNameMismatch.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.MountNameMismatch.HelpLink);

    public static readonly DiagnosticDescriptor DuplicateUnit = new(
        RuleIds.DuplicateUnit, RuleCatalog.DuplicateUnit.Title, RuleCatalog.DuplicateUnit.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.DuplicateUnit.HelpLink);

    public static readonly DiagnosticDescriptor TimerWithoutTrigger = new(
        RuleIds.TimerWithoutTrigger, RuleCatalog.TimerWithoutTrigger.Title, RuleCatalog.TimerWithoutTrigger.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.TimerWithoutTrigger.HelpLink);

    public static readonly DiagnosticDescriptor StartedUnitDependencyMissing = new(
        RuleIds.StartedUnitDependencyMissing, RuleCatalog.StartedUnitDependencyMissing.Title, RuleCatalog.StartedUnitDependencyMissing.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.StartedUnitDependencyMissing.HelpLink);

    public static readonly DiagnosticDescriptor OneshotWithRestart = new(
        RuleIds.OneshotWithRestart, RuleCatalog.OneshotWithRestart.Title, RuleCatalog.OneshotWithRestart.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.OneshotWithRestart.HelpLink);

    public static readonly DiagnosticDescriptor DbusWithoutBusName = new(
        RuleIds.DbusWithoutBusName, RuleCatalog.DbusWithoutBusName.Title, RuleCatalog.DbusWithoutBusName.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.DbusWithoutBusName.HelpLink);

    public static readonly DiagnosticDescriptor ServiceWithoutCommand = new(
        RuleIds.ServiceWithoutCommand, RuleCatalog.ServiceWithoutCommand.Title, RuleCatalog.ServiceWithoutCommand.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.ServiceWithoutCommand.HelpLink);

    public static readonly DiagnosticDescriptor SeveralExecStart = new(
        RuleIds.SeveralExecStart, RuleCatalog.SeveralExecStart.Title, RuleCatalog.SeveralExecStart.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.SeveralExecStart.HelpLink);

    public static readonly DiagnosticDescriptor ExistingUnitNotStock = new(
        RuleIds.ExistingUnitNotStock, RuleCatalog.ExistingUnitNotStock.Title, RuleCatalog.ExistingUnitNotStock.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.ExistingUnitNotStock.HelpLink);

    public static readonly DiagnosticDescriptor OrderingCycle = new(
        RuleIds.OrderingCycle, RuleCatalog.OrderingCycle.Title, RuleCatalog.OrderingCycle.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.OrderingCycle.HelpLink);

    public static readonly DiagnosticDescriptor UnknownDirective = new(
        RuleIds.UnknownDirective, RuleCatalog.UnknownDirective.Title, RuleCatalog.UnknownDirective.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.UnknownDirective.HelpLink);

    public static readonly DiagnosticDescriptor UnknownSection = new(
        RuleIds.UnknownSection, RuleCatalog.UnknownSection.Title, RuleCatalog.UnknownSection.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.UnknownSection.HelpLink);

    public static readonly DiagnosticDescriptor DropInAddsExecStart = new(
        RuleIds.DropInAddsExecStart, RuleCatalog.DropInAddsExecStart.Title, RuleCatalog.DropInAddsExecStart.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.DropInAddsExecStart.HelpLink);

    public static readonly DiagnosticDescriptor IgnitionPathNotClean = new(
        RuleIds.IgnitionPathNotClean, RuleCatalog.IgnitionPathNotClean.Title, RuleCatalog.IgnitionPathNotClean.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.IgnitionPathNotClean.HelpLink);

    public static readonly DiagnosticDescriptor StartedUnitWithoutInstall = new(
        RuleIds.StartedUnitWithoutInstall, RuleCatalog.StartedUnitWithoutInstall.Title, RuleCatalog.StartedUnitWithoutInstall.MessageFormat, Units, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.StartedUnitWithoutInstall.HelpLink);

    public static readonly DiagnosticDescriptor NoIgnitionForm = new(
        RuleIds.NoIgnitionForm, RuleCatalog.NoIgnitionForm.Title, RuleCatalog.NoIgnitionForm.MessageFormat, Units, DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.NoIgnitionForm.HelpLink);

    public static readonly DiagnosticDescriptor IgnitionSpecTooOld = new(
        RuleIds.IgnitionSpecTooOld, RuleCatalog.IgnitionSpecTooOld.Title, RuleCatalog.IgnitionSpecTooOld.MessageFormat, Values, DiagnosticSeverity.Error,
        isEnabledByDefault: true, helpLinkUri: RuleCatalog.IgnitionSpecTooOld.HelpLink);

    /// <summary>Every descriptor, in ID order.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = [InvalidCalendarEvent, InvalidTimeSpan, InvalidSize, InvalidUnitName, UnitNameOfWrongType, InvalidCommandLine, UnknownSpecifier, InvalidEnvironmentName, PathNotAbsolute, InvalidSshKey, InvalidUrl, InvalidHostName, InvalidFileMode, InvalidValue, ValueRefusedByValidator, UnknownUnit, ActivatedUnitMissing, MountNameMismatch, DuplicateUnit, TimerWithoutTrigger, StartedUnitDependencyMissing, OneshotWithRestart, DbusWithoutBusName, SeveralExecStart, ExistingUnitNotStock, OrderingCycle, ServiceWithoutCommand, UnknownDirective, UnknownSection, DropInAddsExecStart, IgnitionPathNotClean, StartedUnitWithoutInstall, NoIgnitionForm, IgnitionSpecTooOld];

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = All.ToImmutableDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>The descriptor of a rule.</summary>
    public static DiagnosticDescriptor For(RuleDescriptor rule) => ById[rule.Id];

    /// <summary>The descriptors of several rules, for <c>SupportedDiagnostics</c>.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Of(params RuleDescriptor[] rules) => [.. rules.Select(For)];

    /// <summary>A diagnostic for a finding at <paramref name="location"/>, carrying the certain fix if there is one.</summary>
    public static Diagnostic Create(RuleFinding finding, Location location)
    {
        var properties = finding.Replacement is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(RuleIds.ReplacementProperty, finding.Replacement);
        return Diagnostic.Create(For(finding.Rule), location, properties, finding.Arguments);
    }
}
