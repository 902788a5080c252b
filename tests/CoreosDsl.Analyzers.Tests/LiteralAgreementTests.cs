extern alias analyzers;

using System.Text.Json;
using CoreosDsl.Tests.Shared;
using CsCheck;
using AnalyzerChecks = analyzers::CoreosDsl.Rules.LiteralChecks;
using AnalyzerCalendar = analyzers::CoreosDsl.Systemd.CalendarEvent;
using AnalyzerTimeSpan = analyzers::CoreosDsl.Systemd.SystemdTimeSpan;
using AnalyzerTimeSpanUnit = analyzers::CoreosDsl.Systemd.TimeSpanDefaultUnit;
using AnalyzerUnitName = analyzers::CoreosDsl.Systemd.UnitName;
using AnalyzerUnitType = analyzers::CoreosDsl.Systemd.UnitType;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// The analyzer assembly compiles the runtime's value parsers for netstandard2.0 (with polyfills): here the two
/// builds meet the same inputs — the corpora the value tests run against systemd-analyze, and random strings — and
/// must agree exactly: the analyzer refuses a literal if and only if the builder throws, with the builder's message.
/// </summary>
public class LiteralAgreementTests
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "CoreosDsl.Systemd.Tests", "Values", "Corpus");

    private static IEnumerable<string> Read(string file) => File.ReadLines(Path.Combine(Corpus, file))
        .Where(l => l.Length > 0 && l[0] != '#')
        .Select(l => JsonSerializer.Deserialize<string>(l)!);

    /// <summary>Each syntax and the runtime method that checks it when the builder runs.</summary>
    private static readonly (string Syntax, Func<string, string> Runtime)[] Formatters =
    [
        ("text", Systemd.DirectiveValue.Text),
        ("path", Systemd.DirectiveValue.Path),
        ("timespan", Systemd.DirectiveValue.TimeSpanText),
        ("timespan-ns", Systemd.DirectiveValue.NanosecondTimeSpanText),
        ("bytes", Systemd.DirectiveValue.BytesText),
        ("percent-or-bytes", Systemd.DirectiveValue.PercentOrBytesText),
        ("calendar", Systemd.DirectiveValue.CalendarText),
        ("unit", Systemd.DirectiveValue.Unit),
        ("slice", v => Systemd.DirectiveValue.Unit(v, Systemd.UnitType.Slice)),
        ("service", v => Systemd.DirectiveValue.Unit(v, Systemd.UnitType.Service)),
        ("exec", Systemd.DirectiveValue.ExecText),
        ("mode", Systemd.DirectiveValue.ModeText),
        ("signal", Systemd.DirectiveValue.Signal),
        ("words", v => Systemd.DirectiveValue.Words([v])),
        ("path-list", v => Systemd.DirectiveValue.PathList([v], "")),
        ("user", Systemd.DirectiveValue.User),
    ];

    private static void AssertAgree(string syntax, Func<string, string> runtime, string value)
    {
        string? runtimeError = null;
        try
        {
            runtime(value);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            runtimeError = e.Message;
        }

        var finding = AnalyzerChecks.CheckSystemd(syntax, false, value, null);
        if (runtimeError is null)
        {
            Assert.True(finding is null, $"{syntax} {JsonSerializer.Serialize(value)}: the builder accepts it, the analyzer says {finding?.Message}");
        }
        else
        {
            Assert.True(finding is not null, $"{syntax} {JsonSerializer.Serialize(value)}: the builder refuses it ({runtimeError}), the analyzer accepts it");
            Assert.StartsWith(runtimeError, finding!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheCorporaGetTheSameVerdictsFromBothBuilds()
    {
        var values = Read("calendar-expressions.txt").Concat(Read("time-spans.txt")).Concat(Read("byte-sizes.txt")).ToList();
        Assert.True(values.Count > 500);
        foreach (var value in values)
        {
            foreach (var (syntax, runtime) in Formatters)
            {
                AssertAgree(syntax, runtime, value);
            }
        }
    }

    [Fact]
    public void TheParsersOfBothBuildsReadTheCorporaIdentically()
    {
        foreach (var text in Read("calendar-expressions.txt"))
        {
            var runtimeOk = Systemd.CalendarEvent.TryParse(text, out var runtime, out var runtimeError);
            var analyzerOk = AnalyzerCalendar.TryParse(text, out var analyzer, out var analyzerError);
            Assert.Equal((runtimeOk, runtime?.Normalized, runtimeError), (analyzerOk, analyzer?.Normalized, analyzerError));
        }

        foreach (var text in Read("time-spans.txt"))
        {
            var runtimeOk = Systemd.SystemdTimeSpan.TryParse(text, Systemd.TimeSpanDefaultUnit.Seconds, out var runtime, out var runtimeError);
            var analyzerOk = AnalyzerTimeSpan.TryParse(text, AnalyzerTimeSpanUnit.Seconds, out var analyzer, out var analyzerError);
            Assert.Equal((runtimeOk, runtime, runtimeError), (analyzerOk, analyzer, analyzerError));
        }
    }

    [Fact]
    public void MountNamesAreEscapedAndHashedAlike()
    {
        var paths = Gen.String[Gen.Char["/abz-_.é\\ x"], 1, 300].Select(s => "/" + s.TrimStart('/'));
        paths.Sample(path =>
        {
            string Runtime()
            {
                try
                {
                    return Systemd.UnitName.FromPath(path, Systemd.UnitType.Mount).Value;
                }
                catch (ArgumentException e)
                {
                    return "error: " + e.Message;
                }
            }

            string Analyzer()
            {
                try
                {
                    return AnalyzerUnitName.FromPath(path, AnalyzerUnitType.Mount).Value;
                }
                catch (ArgumentException e)
                {
                    return "error: " + e.Message;
                }
            }

            Assert.Equal(Runtime(), Analyzer());
        }, iter: 2000);
    }

    /// <summary>Strings close to the grammars: digits, units, separators, specifiers, quotes, paths.</summary>
    private static readonly Gen<string> NearlyValid = Gen.OneOf(
        Gen.String[Gen.Char["0123456789 .:-*~/,smhdwMyKGTB%"], 0, 16],
        Gen.String[Gen.Char["/abc -_.@%inz\"'\\;$\t"], 0, 20],
        Gen.Select(Gen.Int[0, 99], Gen.OneOf(Gen.Const("s"), Gen.Const("min"), Gen.Const("M"), Gen.Const("%"), Gen.Const(".service"), Gen.Const("")),
            (n, suffix) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix));

    [Fact]
    public void RandomStringsGetTheSameVerdictsFromBothBuilds()
    {
        NearlyValid.Sample(value =>
        {
            foreach (var (syntax, runtime) in Formatters)
            {
                AssertAgree(syntax, runtime, value);
            }
        }, iter: 3000);
    }
}
