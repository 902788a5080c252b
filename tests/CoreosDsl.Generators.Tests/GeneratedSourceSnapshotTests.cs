using CoreosDsl.Testing;

namespace CoreosDsl.Generators.Tests;

/// <summary>Baselines of the generated text for small schemas: a change to the emitters shows up as a diff.</summary>
public class GeneratedSourceSnapshotTests
{
    private const string SmallSystemdSchema = """
        schema systemd
        enum Color red green dark-blue  -- Colors a demo accepts.
        unit demo Unit Demo
        section Unit
        Description  string  -- free text
        After        unit-list  repeat
        ConditionPathExists  path  repeat condition
        section Demo
        Paint        enum:Color
        Every        timespan  -- how often
        Limit        bytes
        When         calendar  repeat
        Run          exec-command  repeat
        Mode         mode
        OldName      string  deprecated=200 use="NewName=" because="renamed v200"
        Gone         ignored  was=uint  deprecated=150 ignored=240 use="Paint=" because="deprecated v150, ignored since v240"
        """;

    private const string SmallCloudConfigSchema = """
        schema cloud-config
        enum Mode fast slow!"too slow; use fast"  -- How things run.
        hostname          string  format=hostname  -- the host name
        demo              object  deprecated="demo is no longer shipped"
        demo.mode         string  enum=Mode
        demo.servers      string  format=url-list separator=", "
        demo.tags         list<string>
        demo.items        list<object>  builder=DemoItem
        demo.items[].name string  required
        demo.items[].on   bool
        """;

    public static TheoryData<string> SystemdOutputs => new() { "Systemd.DemoSectionBuilder.g.cs", "Systemd.Enums.g.cs", "Systemd.Units.g.cs" };

    public static TheoryData<string> CloudConfigOutputs => new() { "CloudConfig.DemoBuilder.g.cs", "CloudConfig.DemoItemBuilder.g.cs", "CloudConfig.Enums.g.cs", "CloudConfig.Schema.g.cs" };

    [Theory]
    [MemberData(nameof(SystemdOutputs))]
    public void SystemdBuilders(string hintName)
    {
        var run = GeneratorHarness.Run([new InMemoryAdditionalText("/schemas/demo.schema", SmallSystemdSchema)], systemdVersion: 230);

        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Verify(run.Generated(hintName), "cs", new SnapshotSettings().UseParameters(hintName));
    }

    [Theory]
    [MemberData(nameof(CloudConfigOutputs))]
    public void CloudConfigBuilders(string hintName)
    {
        var run = GeneratorHarness.Run([new InMemoryAdditionalText("/schemas/demo.schema", SmallCloudConfigSchema)]);

        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.Verify(run.Generated(hintName), "cs", new SnapshotSettings().UseParameters(hintName));
    }

    [Fact]
    public void OutputIsDeterministic()
    {
        var files = BundledSchemas.Systemd().Append(BundledSchemas.CloudConfig()).ToList();
        var first = GeneratorHarness.Run(files);
        var second = GeneratorHarness.Run(files.AsEnumerable().Reverse());

        Assert.Equal(first.HintNames.Order(StringComparer.Ordinal), second.HintNames.Order(StringComparer.Ordinal));
        foreach (var hint in first.HintNames)
        {
            Assert.Equal(first.Generated(hint), second.Generated(hint));
        }
    }
}
