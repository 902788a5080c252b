namespace CoreosDsl.Rules;

/// <summary>
/// The IDs of the analyzer rules (CDSL2xx, see docs/diagnostics.md) and the diagnostic property keys the code fixes
/// read. Shared by the analyzers, the code fixes and <c>worker.Validate()</c>.
/// </summary>
internal static class RuleIds
{
    public const string InvalidCalendarEvent = "CDSL201";
    public const string InvalidTimeSpan = "CDSL202";
    public const string InvalidSize = "CDSL203";
    public const string InvalidUnitName = "CDSL204";
    public const string UnitNameOfWrongType = "CDSL205";
    public const string InvalidCommandLine = "CDSL206";
    public const string UnknownSpecifier = "CDSL207";
    public const string InvalidEnvironmentName = "CDSL208";
    public const string PathNotAbsolute = "CDSL209";
    public const string InvalidSshKey = "CDSL210";
    public const string InvalidUrl = "CDSL211";
    public const string InvalidHostName = "CDSL212";
    public const string InvalidFileMode = "CDSL213";
    public const string InvalidValue = "CDSL214";
    public const string ValueRefusedByValidator = "CDSL215";

    public const string UnknownUnit = "CDSL220";
    public const string ActivatedUnitMissing = "CDSL221";
    public const string MountNameMismatch = "CDSL222";
    public const string DuplicateUnit = "CDSL223";
    public const string TimerWithoutTrigger = "CDSL224";
    public const string StartedUnitDependencyMissing = "CDSL225";
    public const string OneshotWithRestart = "CDSL226";
    public const string DbusWithoutBusName = "CDSL227";
    public const string SeveralExecStart = "CDSL228";
    public const string ExistingUnitNotStock = "CDSL229";
    public const string OrderingCycle = "CDSL230";
    public const string IgnitionPathNotClean = "CDSL260";
    public const string StartedUnitWithoutInstall = "CDSL261";
    public const string NoIgnitionForm = "CDSL262";
    public const string IgnitionSpecTooOld = "CDSL263";

    public const string UnknownDirective = "CDSL240";
    public const string UnknownSection = "CDSL241";
    public const string DropInAddsExecStart = "CDSL242";

    /// <summary>Deprecated at the target systemd version (DeprecatedDirectiveAnalyzer, from the generated [SystemdDeprecated]).</summary>
    public const string DeprecatedDirective = "CDSL101";

    /// <summary>Ignored at the target systemd version (DeprecatedDirectiveAnalyzer).</summary>
    public const string IgnoredDirective = "CDSL102";

    /// <summary>Diagnostic property: the string that replaces the flagged literal (a certain fix).</summary>
    public const string ReplacementProperty = "Replacement";
}
