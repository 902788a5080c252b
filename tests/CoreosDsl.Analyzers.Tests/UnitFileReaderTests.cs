using CoreosDsl.Systemd;
using CoreosDsl.Tests.Shared;
using CsCheck;

namespace CoreosDsl.Analyzers.Tests;

/// <summary>
/// UnitFileReader, which the runtime twin (and the analyzer, for constant raw text) uses to read units back: it
/// reads what UnitFileWriter writes, and reads systemd's line syntax (comments, continuations, spaces) as systemd
/// does, with systemd-analyze verify's dump as the oracle.
/// </summary>
public class UnitFileReaderTests
{
    [Fact]
    public void ItReadsWhatTheWriterWrites()
    {
        var value = Gen.String[Gen.Char["abc XYZ019=;#\"'%$/\\é"], 1, 24]
            .Where(v => v.Trim() == v && !v.EndsWith('\\'));
        var entry = Gen.Select(Gen.OneOf(Gen.Const("Description"), Gen.Const("ExecStart"), Gen.Const("Environment"), Gen.Const("X-Custom")), value,
            (k, v) => new UnitFileEntry(k, v));
        var section = Gen.Select(Gen.OneOf(Gen.Const("Unit"), Gen.Const("Service"), Gen.Const("Install")), entry.List[0, 6],
            (n, e) => new UnitFileSection(n, e));

        section.List[0, 4].Sample(sections =>
        {
            var text = UnitFileWriter.Write(new UnitFile(UnitName.Parse("a.service"), sections));
            var read = UnitFileReader.ReadSections(text);

            Assert.Equal(sections.Select(s => (s.Name, string.Join("\n", s.Entries))), read.Select(s => (s.Name, string.Join("\n", s.Entries))));
        }, iter: 500);
    }

    /// <summary>Descriptions written with systemd's line syntax, and what systemd reads (from its dump).</summary>
    public static readonly (string Name, string Lines)[] Syntax =
    [
        ("plain.service", "Description=plain text"),
        ("spaces.service", "  Description  =   spaced out   "),
        ("tab.service", "Description=\ttabbed\t"),
        ("continued.service", "Description=first \\\nsecond"),
        ("continued-twice.service", "Description=a\\\n  b\\\n c"),
        ("continued-comment.service", "Description=before \\\n# a comment inside\nafter"),
        ("semicolon-comment.service", "; a comment\nDescription=after ; not a comment"),
        ("hash-inside.service", "Description=value # not a comment"),
        ("escaped-backslash.service", "Description=ends in two \\\\"),
        ("equals.service", "Description=a=b=c"),
        ("last-wins.service", "Description=first\nDescription=second"),
    ];

    [Fact]
    [Trait("Category", "Oracle")]
    public void ItReadsLinesAsSystemdDoes()
    {
        var units = Syntax.ToDictionary(s => s.Name, s => $"[Unit]\n{s.Lines}\n[Service]\nExecStart=/bin/true\n", StringComparer.Ordinal);
        var verify = SystemdVerify.Run(units);

        foreach (var (name, _) in Syntax)
        {
            var read = UnitFileReader.ReadSections(units[name]).First(s => s.Name == "Unit").ValuesOf("Description").Last();
            Assert.Equal(Assert.Single(verify.DumpValues(name, "Description")), read);
        }
    }

    [Fact]
    public void AByteOrderMarkAndCarriageReturnsAreRead()
    {
        var sections = UnitFileReader.ReadSections("\uFEFF[Unit]\r\nDescription=x\r\n");

        Assert.Equal("x", Assert.Single(Assert.Single(sections).Entries).Value);
    }

    [Theory]
    [InlineData("[Unit\nDescription=x\n", "line 1: '[Unit' is not a section header; write [Section]")]
    [InlineData("[Unit]\nDescription=x\n[]\n", "line 3: '[]' is not a section header; write [Section]")]
    public void AMalformedSectionHeaderNamesTheLine(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => UnitFileReader.ReadSections(text));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void LinesSystemdIgnoresAreIgnored()
    {
        var sections = UnitFileReader.ReadSections("Description=before any section\n[Unit]\nno equals sign\n=no key\nDescription=kept\n");

        Assert.Equal(["Description=kept"], Assert.Single(sections).Entries.Select(e => $"{e.Key}={e.Value}"));
    }
}
