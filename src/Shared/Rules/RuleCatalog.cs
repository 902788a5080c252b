namespace CoreosDsl.Rules;

/// <summary>
/// Every CDSL2xx rule with its title, message and severity. The analyzers turn these into diagnostic
/// descriptors and <c>worker.Validate()</c> into findings, so both say the same thing; docs/diagnostics.md has a
/// section per ID.
/// </summary>
internal static class RuleCatalog
{
    private const string Values = "CoreosDsl.Values";
    private const string Units = "CoreosDsl.Units";

    // Literal values: the message is composed by LiteralChecks from the runtime parser's own explanation and the fix.
    public static readonly RuleDescriptor InvalidCalendarEvent = Literal(RuleIds.InvalidCalendarEvent, "Invalid calendar event");
    public static readonly RuleDescriptor InvalidTimeSpan = Literal(RuleIds.InvalidTimeSpan, "Invalid time span");
    public static readonly RuleDescriptor InvalidSize = Literal(RuleIds.InvalidSize, "Invalid size");
    public static readonly RuleDescriptor InvalidUnitName = Literal(RuleIds.InvalidUnitName, "Invalid unit name");
    public static readonly RuleDescriptor UnitNameOfWrongType = Literal(RuleIds.UnitNameOfWrongType, "Unit name of the wrong type");
    public static readonly RuleDescriptor InvalidCommandLine = Literal(RuleIds.InvalidCommandLine, "Invalid command line");
    public static readonly RuleDescriptor UnknownSpecifier = Literal(RuleIds.UnknownSpecifier, "Unknown % specifier");
    public static readonly RuleDescriptor InvalidEnvironmentName = Literal(RuleIds.InvalidEnvironmentName, "Invalid environment variable name");
    public static readonly RuleDescriptor PathNotAbsolute = Literal(RuleIds.PathNotAbsolute, "Path is not absolute");
    public static readonly RuleDescriptor InvalidSshKey = Literal(RuleIds.InvalidSshKey, "Invalid SSH public key");
    public static readonly RuleDescriptor InvalidUrl = Literal(RuleIds.InvalidUrl, "Invalid URL");
    public static readonly RuleDescriptor InvalidHostName = Literal(RuleIds.InvalidHostName, "Invalid host name");
    public static readonly RuleDescriptor InvalidFileMode = Literal(RuleIds.InvalidFileMode, "Invalid file mode");
    public static readonly RuleDescriptor InvalidValue = Literal(RuleIds.InvalidValue, "Invalid value");
    public static readonly RuleDescriptor ValueRefusedByValidator = Literal(RuleIds.ValueRefusedByValidator, "Value refused by coreos-cloudinit's validator");

    public static readonly RuleDescriptor UnknownUnit = new(
        RuleIds.UnknownUnit, "Reference to a unit that exists nowhere",
        "'{0}' ({1}= of {2}) is neither defined in this worker nor a stock unit of {3}; define it, or correct the name",
        RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor ActivatedUnitMissing = new(
        RuleIds.ActivatedUnitMissing, "Timer, path, socket or automount unit without the unit it activates",
        "{0} activates '{1}', which is neither defined in this worker nor a stock unit of {2}; systemd refuses to start {0}; define '{1}', or {3}",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor MountNameMismatch = new(
        RuleIds.MountNameMismatch, "Mount unit name does not match Where=",
        "'{0}' has Where={1}, so systemd requires the name '{2}' and refuses this unit; rename it to '{2}'",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor DuplicateUnit = new(
        RuleIds.DuplicateUnit, "Unit given two different contents",
        "'{0}' is given two different contents in this worker; coreos-cloudinit applies every entry in order, so the later content replaces the earlier one; keep one content and put additions in a drop-in",
        RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor TimerWithoutTrigger = new(
        RuleIds.TimerWithoutTrigger, "Timer without a trigger",
        "timer '{0}' has no OnCalendar=, OnActiveSec=, OnBootSec=, OnStartupSec=, OnUnitActiveSec=, OnUnitInactiveSec=, OnClockChange= or OnTimezoneChange=, so systemd refuses to load it; add a trigger",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor StartedUnitDependencyMissing = new(
        RuleIds.StartedUnitDependencyMissing, "Started unit whose dependency exists nowhere",
        "'{0}' is started (command: {1}) but its {2}= names '{3}', which is neither defined in this worker nor a stock unit of {4}, so starting '{0}' fails; define '{3}', or correct the name",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor OneshotWithRestart = new(
        RuleIds.OneshotWithRestart, "Type=oneshot with Restart=always or on-success",
        "service '{0}' has Type=oneshot and Restart={1}, which systemd refuses to load; use Restart=on-failure, or no Restart=",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor DbusWithoutBusName = new(
        RuleIds.DbusWithoutBusName, "Type=dbus without BusName=",
        "service '{0}' has Type=dbus but no BusName=, which systemd refuses to load; set BusName= to the D-Bus name the service acquires",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor SeveralExecStart = new(
        RuleIds.SeveralExecStart, "Several ExecStart= without Type=oneshot",
        "service '{0}' has {1} ExecStart= lines with Type={2}; systemd allows several only with Type=oneshot and refuses to load it; use Type=oneshot, or one command",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor ExistingUnitNotStock = new(
        RuleIds.ExistingUnitNotStock, "Existing unit that the target OS does not ship",
        "'{0}' is used as an existing unit (no content), but {1} does not ship it; give it content, or target the OS that ships it (the CoreosDslTargetOs property, or the dialect of Validate)",
        RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor OrderingCycle = new(
        RuleIds.OrderingCycle, "Ordering cycle",
        "ordering cycle: {0}; systemd finds it at boot (\"Found ordering cycle\") and breaks it by leaving out a start job, so a unit of the cycle may not start; {1}",
        RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor UnknownDirective = new(
        RuleIds.UnknownDirective, "Unknown directive in unit text", "{0}", RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor UnknownSection = new(
        RuleIds.UnknownSection, "Unknown section in unit text", "{0}", RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor DropInAddsExecStart = new(
        RuleIds.DropInAddsExecStart, "Drop-in adds an ExecStart= without resetting it",
        "the drop-in of '{0}' adds ExecStart= without an empty 'ExecStart=' line before it, so the service gets a second command, which systemd refuses unless it is Type=oneshot; write 'ExecStart=' (empty) first to replace the command",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor IgnitionPathNotClean = Literal(RuleIds.IgnitionPathNotClean, "Ignition path not absolute or not simplified");

    public static readonly RuleDescriptor StartedUnitWithoutInstall = new(
        RuleIds.StartedUnitWithoutInstall, "Started unit without [Install] in an Ignition worker",
        "'{0}' is started (command: start), which Ignition writes as enabled: true, but it has no [Install] section, so the preset cannot enable it and it never starts; add .Install(i => i.WantedBy(\"multi-user.target\"))",
        RuleSeverity.Error, Units);

    public static readonly RuleDescriptor NoIgnitionForm = new(
        RuleIds.NoIgnitionForm, "Setting without an Ignition form",
        "{0} has no Ignition form and is left out of ignition.json; {1}",
        RuleSeverity.Warning, Units);

    public static readonly RuleDescriptor IgnitionSpecTooOld = new(
        RuleIds.IgnitionSpecTooOld, "Ignition setting of a later spec than the config's",
        "{0} needs Ignition spec {1}, and this config is {2}, which Ignition reads without it; select {1} with .WithIgnitionSpec(IgnitionSpecVersion.{3}), or leave it out",
        RuleSeverity.Error, Values);

    /// <summary>Every rule, in ID order.</summary>
    public static readonly RuleDescriptor[] All =
    [
        InvalidCalendarEvent, InvalidTimeSpan, InvalidSize, InvalidUnitName, UnitNameOfWrongType, InvalidCommandLine,
        UnknownSpecifier, InvalidEnvironmentName, PathNotAbsolute, InvalidSshKey, InvalidUrl, InvalidHostName,
        InvalidFileMode, InvalidValue, ValueRefusedByValidator,
        UnknownUnit, ActivatedUnitMissing, MountNameMismatch, DuplicateUnit, TimerWithoutTrigger,
        StartedUnitDependencyMissing, OneshotWithRestart, DbusWithoutBusName, SeveralExecStart, ExistingUnitNotStock, OrderingCycle,
        UnknownDirective, UnknownSection, DropInAddsExecStart,
        IgnitionPathNotClean, StartedUnitWithoutInstall, NoIgnitionForm, IgnitionSpecTooOld,
    ];

    private static RuleDescriptor Literal(string id, string title) => new(id, title, "{0}", RuleSeverity.Error, Values);
}
