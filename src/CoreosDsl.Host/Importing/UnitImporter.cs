using System.Globalization;
using System.Reflection;
using CoreosDsl.Systemd;

namespace CoreosDsl.Host;

/// <summary>A unit file turned into typed builder steps: the factory (<c>Units.Service</c>) and the unit builder's steps.</summary>
internal sealed record TypedUnit(UnitType Type, MethodInfo Factory, IReadOnlyList<ImportStep> Steps)
{
    /// <summary><c>Units.Service("name", s => ...)</c> as an argument.</summary>
    public StaticCallArg Call(string name) => new(Factory, [new LiteralArg(name), new LambdaArg("unit", Steps)]);
}

/// <summary>
/// Turns the content of a unit into typed builder calls: each directive the generated section builder knows
/// becomes its typed method (string form, enum, bool, number or word list, whichever rebuilds the line exactly),
/// the rest <c>Raw(...)</c>. A unit whose text the builders would not reproduce byte for byte (comments, blank lines,
/// sections out of order) stays raw text, with the reason.
/// </summary>
internal sealed class UnitImporter(BuilderCatalog catalog)
{
    private const BindingFlags Public = BindingFlags.Instance | BindingFlags.Public;

    /// <summary>The typed form of <paramref name="content"/>, or null with the reason it stays raw.</summary>
    public TypedUnit? TryImport(string name, string content, List<string> notes, out string? reason)
    {
        reason = null;
        if (!catalog.HasUnitBuilders)
        {
            reason = "the typed unit builders were not found in this project";
            return null;
        }

        if (!UnitName.TryParse(name, out var unitName, out var nameError))
        {
            reason = $"\"{name}\" is not a unit name ({nameError})";
            return null;
        }

        var factory = catalog.UnitFactory(unitName.Type);
        if (factory is null)
        {
            reason = $"there is no typed builder for .{UnitName.Suffix(unitName.Type)} units";
            return null;
        }

        if (Parse(content) is not { } sections)
        {
            reason = "its text has comments, blank lines, continuation lines or lines outside a section, which the builders do not write";
            return null;
        }

        var unitBuilderType = factory.GetParameters()[1].ParameterType.GetGenericArguments()[0];
        var spelling = ChooseSpelling(sections);
        var steps = new List<ImportStep>();
        if (spelling == BooleanSpelling.TrueFalse)
        {
            steps.Add(new CallStep(unitBuilderType.GetMethod("Booleans", Public)!, [new LiteralArg(BooleanSpelling.TrueFalse)]));
        }

        var unitNotes = new List<string>();
        foreach (var (sectionName, entries) in sections)
        {
            var sectionMethod = unitBuilderType.GetMethod(sectionName, Public);
            if (sectionMethod?.GetParameters() is not [{ ParameterType: { IsGenericType: true } action }] || !typeof(SectionBuilder).IsAssignableFrom(action.GetGenericArguments()[0]))
            {
                reason = $"a .{UnitName.Suffix(unitName.Type)} unit has no [{sectionName}] section in the typed builders";
                return null;
            }

            var sectionType = action.GetGenericArguments()[0];
            var sectionSteps = new List<ImportStep>();
            foreach (var entry in entries)
            {
                if (PlanDirective(unitBuilderType, sectionType, name, spelling, entry, unitNotes) is not { } step)
                {
                    reason = $"[{sectionName}] {entry.Key}={entry.Value} cannot be written by the builders, not even raw";
                    return null;
                }

                sectionSteps.Add(step);
            }

            steps.Add(new CallStep(sectionMethod, [new LambdaArg(sectionName[..1].ToLowerInvariant(), sectionSteps)]));
        }

        var typed = new TypedUnit(unitName.Type, factory, steps);
        try
        {
            var built = (UnitFile)typed.Call(name).Evaluate(typeof(UnitFile))!;
            var text = built.ToText();
            if (!string.Equals(text, content, StringComparison.Ordinal))
            {
                reason = "the builders would write it differently (a directive set twice, or sections in another order than systemd's)";
                return null;
            }
        }
        catch (Exception e) when (e is UnitDefinitionException or ArgumentException or FormatException)
        {
            reason = e.Message;
            return null;
        }

        notes.AddRange(unitNotes.Distinct());
        return typed;
    }

    /// <summary>The sections and their lines, or null when the text is not in the builders' canonical form.</summary>
    private static List<(string Name, List<UnitFileEntry> Entries)>? Parse(string content)
    {
        if (content.Length == 0 || !content.EndsWith('\n'))
        {
            return null;
        }

        var sections = new List<(string Name, List<UnitFileEntry> Entries)>();
        foreach (var line in content[..^1].Split('\n'))
        {
            if (line.Length > 2 && line[0] == '[' && line[^1] == ']')
            {
                var sectionName = line[1..^1];
                if (!sectionName.All(char.IsAsciiLetterOrDigit) || sections.Any(s => s.Name == sectionName))
                {
                    return null;
                }

                sections.Add((sectionName, []));
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (sections.Count == 0 || equals <= 0 || line.EndsWith('\\') || !line[..equals].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return null;
            }

            sections[^1].Entries.Add(new UnitFileEntry(line[..equals], line[(equals + 1)..]));
        }

        return sections;
    }

    /// <summary><c>true</c>/<c>false</c> when the unit spells its booleans that way (the seed does), else <c>yes</c>/<c>no</c>.</summary>
    private static BooleanSpelling ChooseSpelling(List<(string Name, List<UnitFileEntry> Entries)> sections)
    {
        var values = sections.SelectMany(s => s.Entries).Select(e => e.Value).ToList();
        var trueFalse = values.Count(v => v is "true" or "false");
        var yesNo = values.Count(v => v is "yes" or "no");
        return trueFalse > yesNo ? BooleanSpelling.TrueFalse : BooleanSpelling.YesNo;
    }

    /// <summary>The step that writes exactly this line: a typed method when one rebuilds it, else Reset or Raw.</summary>
    private ImportStep? PlanDirective(Type unitBuilderType, Type sectionType, string unitName, BooleanSpelling spelling, UnitFileEntry entry, List<string> notes)
    {
        var methods = sectionType.GetMethods(Public)
            .Where(m => m.Name == entry.Key && m.ReturnType == sectionType)
            .OrderBy(Preference)
            .ToList();
        var skipped = methods.Where(m => catalog.RefusalOf(m) is not null).ToList();
        foreach (var method in methods.Except(skipped))
        {
            foreach (var step in Candidates(method, entry.Value))
            {
                if (Writes(unitBuilderType, sectionType, unitName, spelling, step, entry))
                {
                    if (catalog.WarningAt(method) is { } warning)
                    {
                        notes.Add($"{unitName}: {warning}");
                        return step with { Comment = warning };
                    }

                    return step;
                }
            }
        }

        if (skipped.Count > 0)
        {
            notes.Add($"{unitName}: {entry.Key}= is kept as Raw(...): {catalog.RefusalOf(skipped[0])}");
        }

        ImportStep fallback = entry.Value.Length == 0
            ? new CallStep(typeof(SectionBuilder).GetMethod(nameof(SectionBuilder.Reset))!, [new LiteralArg(entry.Key)])
            : new CallStep(typeof(SectionBuilder).GetMethod(nameof(SectionBuilder.Raw))!, [new LiteralArg(entry.Key), new LiteralArg(entry.Value)]);
        return Writes(unitBuilderType, sectionType, unitName, spelling, fallback, entry) ? fallback : null;
    }

    /// <summary>Prefer the forms that keep the text as written: string, then enum, bool, numbers, word lists.</summary>
    private static int Preference(MethodInfo method) => method.GetParameters() is [var first, ..] ? first.ParameterType switch
    {
        var t when t == typeof(string) => 0,
        { IsEnum: true } => 1,
        var t when t == typeof(bool) => 2,
        var t when t == typeof(long) || t == typeof(ulong) => 3,
        var t when t == typeof(string[]) => 4,
        _ => 9,
    } : 9;

    /// <summary>Argument lists to try for <paramref name="method"/> with the written <paramref name="value"/>.</summary>
    private static IEnumerable<CallStep> Candidates(MethodInfo method, string value)
    {
        var parameters = method.GetParameters();
        if (parameters.Length == 0 || parameters.Skip(1).Any(p => !p.HasDefaultValue))
        {
            yield break;
        }

        var defaults = parameters.Skip(1).Select(p => p.DefaultValue).ToList();
        var type = parameters[0].ParameterType;
        if (type == typeof(string))
        {
            yield return new CallStep(method, [new LiteralArg(value)]) { Defaults = defaults };
        }
        else if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => !BuilderCatalog.IsError(f)))
            {
                yield return new CallStep(method, [new LiteralArg(field.GetValue(null)!)]) { Defaults = defaults };
            }
        }
        else if (type == typeof(bool))
        {
            if (value is "yes" or "true" or "on" or "1")
            {
                yield return new CallStep(method, [new LiteralArg(true)]) { Defaults = defaults };
            }
            else if (value is "no" or "false" or "off" or "0")
            {
                yield return new CallStep(method, [new LiteralArg(false)]) { Defaults = defaults };
            }
        }
        else if (type == typeof(long) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
        {
            yield return new CallStep(method, [new LiteralArg(signed)]) { Defaults = defaults };
        }
        else if (type == typeof(ulong) && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var unsigned))
        {
            yield return new CallStep(method, [new LiteralArg(unsigned)]) { Defaults = defaults };
        }
        else if (type == typeof(string[]) && parameters.Length == 1 && value.Length > 0)
        {
            yield return new CallStep(method, [new ParamsArg(value.Split(' '))]);
        }
    }

    /// <summary>True when <paramref name="step"/>, applied to a fresh section, writes exactly <paramref name="entry"/>.</summary>
    private static bool Writes(Type unitBuilderType, Type sectionType, string unitName, BooleanSpelling spelling, ImportStep step, UnitFileEntry entry)
    {
        try
        {
            var unit = (UnitBuilder)Activator.CreateInstance(unitBuilderType, unitName)!;
            unit.BooleanSpelling = spelling;
            var section = (SectionBuilder)Activator.CreateInstance(sectionType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null, [unit], null)!;
            step.Apply(section);
            return section.Entries is [var only] && only == entry;
        }
        catch (Exception e) when (e is UnitDefinitionException or ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            return false;
        }
    }
}
