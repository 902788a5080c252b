using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>
/// Settings that systemd refuses when it loads a single unit ("Refusing." in <c>systemd-analyze verify</c>): a mount
/// named other than its <c>Where=</c>, a timer without a trigger, and the service type conflicts of
/// <c>service_verify()</c>. Values that are not known are never held against the unit.
/// </summary>
internal static class UnitRules
{
    private static readonly string[] TimerTriggers =
        ["OnCalendar", "OnActiveSec", "OnBootSec", "OnStartupSec", "OnUnitActiveSec", "OnUnitInactiveSec"];

    /// <summary>The findings for one unit with content, in a fixed order.</summary>
    public static IEnumerable<RuleFinding> Check(UnitFacts unit)
    {
        if (!unit.HasContent || !unit.ContentKnown)
        {
            yield break;
        }

        switch (unit.Type)
        {
            case UnitType.Service:
                foreach (var finding in CheckService(unit))
                {
                    yield return finding;
                }

                break;
            case UnitType.Timer:
                if (CheckTimer(unit) is { } timer)
                {
                    yield return timer;
                }

                break;
            case UnitType.Mount:
            case UnitType.Automount:
                if (CheckMountName(unit) is { } mount)
                {
                    yield return mount;
                }

                break;
        }
    }

    private static IEnumerable<RuleFinding> CheckService(UnitFacts unit)
    {
        var typeLine = unit.Last("Service", "Type");
        var execStart = unit.Effective("Service", "ExecStart");
        var busName = unit.Last("Service", "BusName");

        // systemd's service_add_extras(): without Type=, BusName= makes it dbus, ExecStart= simple, neither oneshot.
        string? type;
        if (typeLine is not null)
        {
            type = typeLine.Value;
        }
        else
        {
            type = busName is not null ? "dbus" : execStart.Count > 0 ? "simple" : "oneshot";
        }

        if (type is null)
        {
            yield break;
        }

        if (type == "oneshot" && unit.Last("Service", "Restart") is { Value: "always" or "on-success" } restart)
        {
            yield return new RuleFinding(RuleCatalog.OneshotWithRestart, restart.Origin, unit.DisplayName, restart.Value!);
        }

        if (type == "dbus" && typeLine is not null && busName is null)
        {
            yield return new RuleFinding(RuleCatalog.DbusWithoutBusName, typeLine.Origin, unit.DisplayName);
        }

        // A second command from a drop-in is CDSL242, which says how to replace the command instead.
        if (type != "oneshot" && execStart.Count > 1 && !execStart[1].InDropIn)
        {
            yield return new RuleFinding(RuleCatalog.SeveralExecStart, execStart[1].Origin,
                unit.DisplayName, execStart.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), type);
        }
    }

    private static RuleFinding? CheckTimer(UnitFacts unit)
    {
        foreach (var trigger in TimerTriggers)
        {
            if (unit.Effective("Timer", trigger).Count > 0)
            {
                return null;
            }
        }

        foreach (var flag in new[] { "OnClockChange", "OnTimezoneChange" })
        {
            // An unknown value might be true: no finding.
            if (unit.Last("Timer", flag) is { } line && (line.Value is null || IsTrue(line.Value)))
            {
                return null;
            }
        }

        return new RuleFinding(RuleCatalog.TimerWithoutTrigger, unit.NameOrigin, unit.DisplayName);
    }

    private static RuleFinding? CheckMountName(UnitFacts unit)
    {
        var section = unit.Type == UnitType.Mount ? "Mount" : "Automount";
        if (unit.Name is null || unit.Last(section, "Where") is not { Value: { } where })
        {
            return null;
        }

        if (!UnitName.TryFromPath(where, unit.Type!.Value, out var name, out _))
        {
            return null; // not an absolute path: CDSL209 reports the value itself
        }

        var expected = name.Value;

        return expected == unit.Name
            ? null
            : new RuleFinding(RuleCatalog.MountNameMismatch, unit.NameOrigin, unit.Name, where, expected) { Replacement = expected };
    }

    /// <summary>
    /// CDSL242: a drop-in of a service that adds an <c>ExecStart=</c> while the service already has one (its own
    /// content's, or a stock unit's, which is assumed to have one) and no empty <c>ExecStart=</c> came before it.
    /// Known <c>Type=oneshot</c> services may have several commands.
    /// </summary>
    public static IEnumerable<RuleFinding> CheckDropIns(UnitFacts unit)
    {
        if (unit.Type != UnitType.Service || !unit.Lines.Any(l => l.InDropIn) || (unit.HasContent && !unit.ContentKnown))
        {
            yield break;
        }

        if (unit.Last("Service", "Type") is { } type && (type.Value is null || type.Value == "oneshot"))
        {
            yield break;
        }

        var commands = unit.HasContent ? 0 : 1;
        foreach (var line in unit.Lines)
        {
            if (line.Section != "Service" || line.Key != "ExecStart")
            {
                continue;
            }

            if (line.Value is { Length: 0 })
            {
                commands = 0;
                continue;
            }

            if (line.InDropIn && commands > 0)
            {
                yield return new RuleFinding(RuleCatalog.DropInAddsExecStart, line.Origin, unit.DisplayName);
            }

            commands++;
        }
    }

    /// <summary>True when systemd's <c>parse_boolean()</c> reads <paramref name="value"/> as true.</summary>
    internal static bool IsTrue(string value) => SystemdBoolean.TryParse(value, out var on) && on;
}
