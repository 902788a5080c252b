using System.Reflection;
using System.Text;
using CoreosDsl.Analyzers.Tests.Support;
using CoreosDsl.CloudConfig;
using CsCheck;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// Everything a typed builder writes passes the checks: every generated section-builder method, called with valid
/// typed arguments (random ones, CsCheck), writes a unit that <c>worker.Validate()</c> accepts, and whose text the
/// analyzers accept as raw unit text. The builders and the checks are two readings of the same schema; this is where
/// they must agree.
/// </summary>
public class BuilderAgreementTests
{
    /// <summary>
    /// Units the target OS ships, so that references to them are not "defined nowhere"; none that a unit with default
    /// dependencies may not be ordered before (Before=local-fs.target would be an ordering cycle, CDSL230).
    /// </summary>
    private static readonly string[] StockUnits =
        ["docker.service", "network-online.target", "remote-fs.target", "multi-user.target", "systemd-networkd.service", "sshd.socket"];

    /// <summary>Valid values of each systemd syntax a string parameter can be marked with.</summary>
    private static readonly Dictionary<string, Gen<string>> Syntaxes = new(StringComparer.Ordinal)
    {
        ["text"] = Gen.OneOf("Agreement unit", "x", "a-b_c.d", "50%% done", "%n on %H", "caf\u00e9"),
        ["path"] = Gen.OneOf("/srv/app", "/var/lib/docker", "%t/app.sock", "/opt/bin/tool", "/"),
        ["optional-path"] = Gen.OneOf("/etc/default/app", "-/etc/app.env", "/run/%n.env"),
        ["path-list"] = Gen.OneOf("/srv", "-/srv/data", "/var/lib/app", "/tmp"),
        ["words"] = Gen.OneOf("CAP_NET_ADMIN", "AF_INET", "word", "x86-64"),
        ["timespan"] = Gen.OneOf("10s", "1h 30min", "infinity", "500ms", "5", "2d"),
        ["timespan-ns"] = Gen.OneOf("100ns", "1us", "50ms", "1000", "1s"),
        ["bytes"] = Gen.OneOf("32M", "1G", "512K", "4096", "infinity"),
        ["percent-or-bytes"] = Gen.OneOf("50%", "1G", "infinity", "100%"),
        ["calendar"] = Gen.OneOf("daily", "*-*-* 05:00:00", "Mon..Fri 09:00", "weekly", "*:0/15"),
        ["unit"] = Gen.OneOf(StockUnits),
        ["slice"] = Gen.OneOf("system.slice", "machine.slice", "user.slice"),
        ["service"] = Gen.OneOf("docker.service", "systemd-networkd.service"),
        ["exec"] = Gen.OneOf("/usr/bin/app --flag", "-/bin/true", "/bin/sh -c 'echo hi'", "@/usr/bin/app app", "/usr/bin/env A=%%n"),
        ["mode"] = Gen.OneOf("0755", "0644", "022", "0"),
        ["signal"] = Gen.OneOf("SIGTERM", "KILL", "9", "SIGRTMIN+1"),
        ["user"] = Gen.OneOf("core", "root", "1000", "app-user"),
        ["env-name"] = Gen.OneOf("GREETING", "_X1", "PATH"),
        ["env-value"] = Gen.OneOf("hi", "hello world", "50%", "a \"quoted\" b", "", "back\\slash", "tab\there"),
        ["cpu-quota"] = Gen.OneOf("50%", "150%", "12.5%", "1%", "200%"),
        ["listen"] = Gen.OneOf("8080", "0.0.0.0:80", "[::]:443", "/run/app.sock", "@app", "%t/app.sock"),
        ["listen-unix"] = Gen.OneOf("/run/seq.sock", "@seq"),
        ["rlimit"] = Gen.OneOf("65536", "1024:65536", "infinity", "1024:infinity"),
        ["rlimit-bytes"] = Gen.OneOf("0", "64M", "1G:infinity", "infinity"),
        ["rlimit-seconds"] = Gen.OneOf("30", "1h", "10min:1h", "infinity"),
        ["rlimit-usec"] = Gen.OneOf("500ms", "200000", "infinity"),
        ["rlimit-nice"] = Gen.OneOf("-5", "+10", "0:40", "infinity"),
    };

    private static readonly Gen<string> HostileText = Gen.OneOf(Gen.OneOf("", "plain", "two words", "50%", "$HOME", "'q'", "\"d\"", "\\", "caf\u00e9", "\u0085nel"),
        Gen.Char[' ', '~'].Array[0, 8].Select(a => new string(a)));

    /// <summary>The generated builders, as they ship: generated once into CoreosDsl.Systemd.</summary>
    private static readonly Lazy<Assembly> Generated = new(() => typeof(Systemd.ServiceSectionBuilder).Assembly);

    /// <summary>Each generated section builder with the unit builder type that has that section.</summary>
    private static IEnumerable<(Type Section, Type Unit, MethodInfo Configure)> Sections()
    {
        var units = Generated.Value.GetTypes().Where(t => t.IsSubclassOf(typeof(Systemd.UnitBuilder))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var seen = new HashSet<Type>();
        // [Unit] and [Install] are tried in a service; every other section in the unit type that has it.
        foreach (var unit in units.OrderBy(u => u.Name == "ServiceUnitBuilder" ? 0 : 1))
        {
            foreach (var configure in unit.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (configure.GetParameters() is [{ ParameterType: { IsGenericType: true } action }]
                    && action.GetGenericTypeDefinition() == typeof(Action<>)
                    && action.GetGenericArguments()[0] is var section && section.IsSubclassOf(typeof(Systemd.SectionBuilder))
                    && seen.Add(section))
                {
                    yield return (section, unit, configure);
                }
            }
        }
    }

    /// <summary>
    /// The string form of an enum directive (<c>enum:NAME:VALUES|FORMS</c>): one of its values, or one of its forms
    /// filled in (<c>file:&lt;PATH&gt;</c> → <c>file:/var/log/agree.log</c>).
    /// </summary>
    private static Gen<string> EnumTextGen(string syntax)
    {
        var rest = syntax["enum:".Length..];
        var parts = rest[(rest.IndexOf(':', StringComparison.Ordinal) + 1)..].Split('|');
        var forms = parts.Length > 1 ? parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return Gen.OneOf([.. parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries),
            .. forms.Select(f => f.Replace("<NAME>", "agree", StringComparison.Ordinal).Replace("<PATH>", "/var/log/agree.log", StringComparison.Ordinal))]);
    }

    private static Gen<object?> ArgumentGen(ParameterInfo p)
    {
        var t = p.ParameterType;
        if (t == typeof(string))
        {
            var attribute = p.GetCustomAttribute<Systemd.SystemdSyntaxAttribute>()
                ?? throw new InvalidOperationException($"{p.Member.DeclaringType!.Name}.{p.Member.Name}: string parameter {p.Name} has no [SystemdSyntax]");
            if (attribute.Syntax.StartsWith("enum:", StringComparison.Ordinal))
            {
                return EnumTextGen(attribute.Syntax).Select(v => (object?)v);
            }

            return Syntaxes.TryGetValue(attribute.Syntax, out var gen)
                ? gen.Select(v => (object?)v)
                : throw new InvalidOperationException($"no generator for the syntax '{attribute.Syntax}' ({p.Member.DeclaringType!.Name}.{p.Member.Name}); add one");
        }

        if (t.IsArray)
        {
            var element = t.GetElementType()!;
            var one = element == typeof(string)
                ? ArgumentGen(p, element, p.GetCustomAttribute<Systemd.SystemdSyntaxAttribute>()!.Syntax)
                : ArgumentGen(p, element, null);
            return one.Array[1, 3].Select(values =>
            {
                var array = Array.CreateInstance(element, values.Length);
                for (var i = 0; i < values.Length; i++)
                {
                    array.SetValue(values[i], i);
                }

                return (object?)array;
            });
        }

        return ArgumentGen(p, t, null);
    }

    private static Gen<object?> ArgumentGen(ParameterInfo p, Type t, string? syntax)
    {
        if (syntax is not null)
        {
            return Syntaxes[syntax].Select(v => (object?)v);
        }

        if (t == typeof(bool))
        {
            return Gen.Bool.Select(v => (object?)v);
        }

        // A number with a documented range (Nice=, OOMScoreAdjust=): values inside it.
        if (p.GetCustomAttribute<Systemd.SystemdSyntaxAttribute>()?.Syntax is { } range
            && Systemd.DirectiveValue.TryParseRangeSyntax(range, out var min, out var max))
        {
            return t == typeof(long)
                ? Gen.Long[min, max].Select(v => (object?)v)
                : Gen.ULong[(ulong)min, (ulong)max].Select(v => (object?)v);
        }

        if (t == typeof(long))
        {
            return Gen.OneOf(Gen.Long[-20, 19], Gen.Long[0, 100_000]).Select(v => (object?)v);
        }

        if (t == typeof(ulong))
        {
            return Gen.OneOf(Gen.ULong[0, 100], Gen.ULong[1, 10_000], Gen.ULong[0, 1UL << 40]).Select(v => (object?)v);
        }

        if (t.IsEnum)
        {
            return Gen.OneOf(Enum.GetValues(t).Cast<object>().ToArray()).Select(v => (object?)v);
        }

        if (t == typeof(TimeSpan))
        {
            return Gen.OneOf(
                Gen.Long[0, TimeSpan.TicksPerDay * 3].Select(ticks => TimeSpan.FromTicks(ticks / 10 * 10)), // whole microseconds
                Gen.Int[0, 100_000].Select(s => TimeSpan.FromSeconds(s)),
                Gen.Int[0, 100_000].Select(ms => TimeSpan.FromMilliseconds(ms)),
                Gen.Const(Timeout.InfiniteTimeSpan)).Select(v => (object?)v);
        }

        if (t == typeof(Systemd.ByteSize))
        {
            return Gen.OneOf(
                Gen.Long[0, long.MaxValue / 2].Select(Systemd.ByteSize.FromBytes),
                Gen.Long[1, 4096].Select(Systemd.ByteSize.MiB),
                Gen.Const(Systemd.ByteSize.Infinity)).Select(v => (object?)v);
        }

        if (t == typeof(Systemd.Percent) && p.Name == "quota")
        {
            return Gen.Int[1, 100_000].Select(v => (object?)new Systemd.Percent(v / 100m)); // CPUQuota= is above 0
        }

        if (t == typeof(Systemd.Percent))
        {
            return Gen.Int[0, 10_000].Select(v => (object?)new Systemd.Percent(v / 100m)); // a share of memory or disk: at most 100%
        }

        if (t == typeof(Systemd.CalendarEvent))
        {
            return Syntaxes["calendar"].Select(v => (object?)Systemd.CalendarEvent.Parse(v));
        }

        if (t == typeof(Systemd.UnitFile))
        {
            // A stock unit built with the typed builders: the reference names it. Slice= takes a slice, a socket's
            // Service= a service.
            string[] names = p.Name switch
            {
                "slice" => ["system.slice", "machine.slice"],
                "service" => ["docker.service", "systemd-networkd.service"],
                _ => StockUnits,
            };
            return Gen.OneOf(names).Select(name => (object?)BuildUnit(name));
        }

        if (t == typeof(Systemd.ExecCommand))
        {
            return Gen.Select(Gen.OneOf("/usr/bin/app", "/bin/echo", "true"), HostileText.Array[0, 4],
                (program, args) => (object?)new Systemd.ExecCommand(program, args));
        }

        if (t == typeof(Systemd.EnvironmentAssignment))
        {
            return Gen.Select(Gen.OneOf("A", "GREETING", "_x9"), HostileText, (n, v) => (object?)new Systemd.EnvironmentAssignment(n, v));
        }

        if (t == typeof(UnixFileMode))
        {
            return Gen.Int[0, 0b111_111_111_111].Select(v => (object?)(UnixFileMode)v);
        }

        throw new InvalidOperationException($"{p.Member.DeclaringType!.Name}.{p.Member.Name}: no generator for parameters of type {t.Name}; add one");
    }

    /// <summary>A unit of a stock name built with the generated builders (no sections).</summary>
    private static Systemd.UnitFile BuildUnit(string name)
    {
        var type = Generated.Value.GetTypes().Single(t => t.IsSubclassOf(typeof(Systemd.UnitBuilder))
            && t.Name.Equals(Systemd.UnitName.Parse(name).Type + "UnitBuilder", StringComparison.OrdinalIgnoreCase));
        return ((Systemd.UnitBuilder)Activator.CreateInstance(type, name)!).Build();
    }

    private static Action<T> Wrap<T>(Action<object> action) => t => action(t!);

    private static readonly MethodInfo WrapMethod = typeof(BuilderAgreementTests).GetMethod(nameof(Wrap), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// The unit a call writes, with what the cross-directive rules need besides (so that only the value is judged):
    /// a service has an ExecStart= and a D-Bus service its BusName=, a timer a trigger and a stock unit to start, a
    /// mount is named after its Where=.
    /// </summary>
    private static Systemd.UnitFile Write(int n, (Type Section, Type Unit, MethodInfo Configure) target, MethodInfo method, object?[] arguments)
    {
        var unitType = target.Unit.Name[..^"UnitBuilder".Length].ToLowerInvariant();
        var where = $"/srv/agree-{n}";
        var name = unitType is "mount" or "automount" ? $"srv-agree\\x2d{n}.{unitType}" : $"agree-{n}.{unitType}";
        var unit = (Systemd.UnitBuilder)Activator.CreateInstance(target.Unit, name)!;
        var sectionName = target.Section.Name[..^"SectionBuilder".Length];
        var call = (Delegate)WrapMethod.MakeGenericMethod(target.Section).Invoke(null, [new Action<object>(s =>
        {
            var section = (Systemd.SectionBuilder)s;
            switch (unitType, sectionName, method.Name)
            {
                case ("service", "Service", not "ExecStart"):
                    section.Raw("ExecStart", "/usr/bin/agree");
                    if (method.Name == "Type")
                    {
                        section.Raw("BusName", "org.example.Agree");
                    }

                    break;
                case ("timer", "Timer", _):
                    section.Raw("OnBootSec", "1min");
                    section.Raw("Unit", "docker.service");
                    break;
                case ("path", "Path", _):
                    section.Raw("Unit", "docker.service");
                    break;
                case ("mount" or "automount", "Mount" or "Automount", "Where"):
                    arguments[0] = where;
                    break;
                case ("mount" or "automount", "Mount" or "Automount", _):
                    section.Raw("Where", where);
                    break;
            }

            method.Invoke(section, arguments);
        })])!;
        target.Configure.Invoke(unit, [call]);
        if (unitType is "timer" or "path" && sectionName != (unitType == "timer" ? "Timer" : "Path"))
        {
            target.Unit.GetMethod(unitType == "timer" ? "Timer" : "Path")!.Invoke(unit, [WrapMethod.MakeGenericMethod(
                Generated.Value.GetType($"CoreosDsl.Systemd.{(unitType == "timer" ? "Timer" : "Path")}SectionBuilder", throwOnError: true)!)
                .Invoke(null, [new Action<object>(s =>
                {
                    var section = (Systemd.SectionBuilder)s;
                    if (unitType == "timer")
                    {
                        section.Raw("OnBootSec", "1min");
                    }

                    section.Raw("Unit", "docker.service");
                })])]);
        }

        if (unitType is "mount" or "automount" && sectionName == "Unit" || sectionName == "Install" && unitType is "mount" or "automount")
        {
            throw new InvalidOperationException("[Unit] and [Install] are tried in a service");
        }

        return unit.Build();
    }

    [Fact]
    public void EverythingATypedBuilderWritesPassesValidateAndTheAnalyzers()
    {
        var methods = Sections()
            .SelectMany(s => s.Section.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => (Target: s, Method: m)))
            .OrderBy(m => m.Target.Section.Name, StringComparer.Ordinal).ThenBy(m => m.Method.Name, StringComparer.Ordinal)
            .ThenBy(m => m.Method.ToString(), StringComparer.Ordinal)
            .ToList();
        Assert.True(methods.Count >= 500, $"only {methods.Count} generated builder methods");

        var accepted = new HashSet<MethodInfo>();
        var failures = new List<string>();
        var texts = new List<(string Name, string Text, string Call)>();
        var n = 0;
        foreach (var (target, method) in methods)
        {
            var parameters = method.GetParameters();
            var arguments = Gen.Const(Array.Empty<object?>());
            foreach (var gen in parameters.Select(ArgumentGen))
            {
                var before = arguments;
                arguments = Gen.Select(before, gen, (list, value) => (object?[])[.. list, value]);
            }

            try
            {
            arguments.Sample(args =>
            {
                var id = Interlocked.Increment(ref n);
                var call = $"{target.Section.Name}.{method.Name}({string.Join(", ", args.Select(Describe))})";
                Systemd.UnitFile unit;
                try
                {
                    unit = Write(id, target, method, args);
                }
                catch (TargetInvocationException e) when (Innermost(e) is Systemd.UnitDefinitionException or ArgumentException or FormatException)
                {
                    return; // the builder refuses these arguments: nothing is written, nothing to agree on
                }

                var companions = Companions(unit.Name.Value);
                lock (accepted)
                {
                    if (accepted.Add(method))
                    {
                        texts.Add((unit.Name.Value, unit.ToText(), call));
                        texts.AddRange(companions.Select(c => (c.Name, c.Text, call)));
                    }
                }

                var worker = Worker.Define("agree", w => w.Coreos(c => c.Units(u => companions.Aggregate(
                    u.Add(unit, UnitCommand.Start), (units, companion) => units.Raw(companion.Name, companion.Text, UnitCommand.Start)))));
                var findings = worker.Validate().Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).ToList();
                Assert.True(findings.Count == 0,
                    $"{call} writes\n{unit.ToText()}\nwhich Validate() refuses:\n  {string.Join("\n  ", findings.Select(f => $"{f.Id} {f.Where}: {f.Message}"))}");
            }, iter: 25, threads: 1);
            }
            catch (Exception e)
            {
                failures.Add((e.Message + " " + e.InnerException?.Message) is var m && m.Length > 1500 ? m[..1500] : m);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} methods write what the checks refuse:\n\n" + string.Join("\n\n", failures));

        // Each method is called with arguments it accepts at least once (a range the generators miss shows here).
        var neverAccepted = methods.Select(m => m.Method).Where(m => !accepted.Contains(m)).Select(m => $"{m.DeclaringType!.Name}.{m}").ToList();
        Assert.True(neverAccepted.Count == 0, "never accepted an argument:\n  " + string.Join("\n  ", neverAccepted));

        // The analyzers read the same text as raw unit content: one snippet with a Raw(...) per method.
        var source = new StringBuilder("w.Coreos(c => c.Units(units => units");
        foreach (var (name, text, _) in texts)
        {
            source.Append("\n    .Raw(").Append(Literal(name)).Append(", ").Append(Literal(text)).Append(", UnitCommand.Start)");
        }

        source.Append("))");
        var compiled = AnalyzerHarness.Compile(Snippets.Worker(source.ToString()));
        Assert.Empty(compiled.CompilerErrors);
        var refused = compiled.AnalyzerDiagnostics.Where(d => d.Id.StartsWith("CDSL2", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, "the analyzers refuse what the builders wrote:\n  " + string.Join("\n  ", refused.Select(d =>
        {
            var line = d.Location.GetLineSpan().StartLinePosition.Line;
            var index = line - 4; // the snippet's header lines before the first Raw(...)
            var what = index >= 0 && index < texts.Count ? texts[index].Call : "?";
            return $"{d.Id} {what}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
        })));
    }

    /// <summary>
    /// The units systemd requires beside the one written (so that only its values are judged): a socket's service of
    /// the same name (and the template an <c>Accept=yes</c> socket activates), an automount's mount.
    /// </summary>
    private static (string Name, string Text)[] Companions(string name)
    {
        var dot = name.LastIndexOf('.');
        var (stem, type) = (name[..dot], name[(dot + 1)..]);
        return type switch
        {
            "socket" => [($"{stem}.service", "[Service]\nExecStart=/usr/bin/agree\n"), ($"{stem}@.service", "[Service]\nExecStart=/usr/bin/agree\n")],
            "automount" => [($"{stem}.mount", $"[Mount]\nWhat=/dev/disk/by-label/AGREE\nWhere=/{stem.Replace('-', '/').Replace("\\x2d", "-")}\n")],
            _ => [],
        };
    }

    private static Exception Innermost(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? Innermost(inner) : e;

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => Literal(s),
        Array a => "[" + string.Join(", ", a.Cast<object?>().Select(Describe)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>A C# string literal for any text.</summary>
    private static string Literal(string text)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || char.IsControl(c) || char.IsSurrogate(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}
