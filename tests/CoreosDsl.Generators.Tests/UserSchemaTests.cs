using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Tests;

public class UserSchemaTests
{
    [Fact]
    public void AUserSchemaFileAddsDirectivesToABundledSection()
    {
        var user = new InMemoryAdditionalText("/project/schemas/vendor.schema", """
            schema systemd
            section Service
            FancyTimeoutSec  timespan  -- a directive newer than the bundled schema
            """);
        const string source = """
            using CoreosDsl.Systemd;
            public static class D
            {
                public static UnitFile S() => Units.Service("a.service", s => s.Service(x => x.FancyTimeoutSec(System.TimeSpan.FromSeconds(3))));
            }
            """;

        var run = GeneratorHarness.Run([.. BundledSchemas.Systemd(), user], source, asConsumer: true);

        Assert.Equal(["Systemd.ServiceSectionBuilderExtensions.g.cs"], run.HintNames);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        // Only the addition is generated in the project: an extension method of CoreosDsl.Systemd's builder.
        Assert.Equal(["Systemd.ServiceSectionBuilderExtensions.g.cs"], run.HintNames);
        Assert.Contains("FancyTimeoutSec(this global::CoreosDsl.Systemd.ServiceSectionBuilder builder, global::System.TimeSpan value)",
            run.Generated("Systemd.ServiceSectionBuilderExtensions.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void AUserUnitTypeHasBundledSectionsAndItsOwn()
    {
        // A unit type the bundled schemas do not declare, with CoreosDsl.Systemd's [Unit] builder (public, so the
        // project's generated unit builder can create it), a section of the project's own, and a bundled enum.
        var user = new InMemoryAdditionalText("/project/schemas/device.schema", """
            schema systemd
            section Acme
            Level  int  -- how loud
            Collect  enum:CollectMode  -- a bundled enum
            unit device  Unit Acme
            """);
        const string source = """
            using CoreosDsl.Systemd;
            public static class D
            {
                public static string Text() => UserUnits.Device("dev-sda.device", d => d
                    .Unit(u => u.Description("disk"))
                    .Acme(a => a.Level(3).Collect(CollectMode.InactiveOrFailed))).ToText();
            }
            """;

        var run = GeneratorHarness.Run([.. BundledSchemas.Systemd(), user], source, asConsumer: true);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        // Nothing of the bundled schemas is generated again: only the project's section and unit type (and its coreos.units method).
        Assert.Equal(["Systemd.AcmeSectionBuilder.g.cs", "Systemd.CoreosUnits.g.cs", "Systemd.Units.g.cs"], run.HintNames.Order(StringComparer.Ordinal));
        using var image = new MemoryStream();
        Assert.True(run.Output.Emit(image).Success);
        var text = (string)System.Reflection.Assembly.Load(image.ToArray()).GetType("D")!.GetMethod("Text")!.Invoke(null, null)!;
        Assert.Equal("[Unit]\nDescription=disk\n[Acme]\nLevel=3\nCollect=inactive-or-failed\n", text);
    }

    [Theory]
    [InlineData("Foo  nosuchkind", "unknown kind 'nosuchkind'", 2, 5)]
    [InlineData("Foo  string  repeat  color=blue", "unknown attribute 'color'", 2, 21)]
    [InlineData("Foo  string  deprecated=soon", "deprecated= takes a systemd version number, not 'soon'", 2, 13)]
    [InlineData("Foo  string  because=\"unterminated", "the quote that starts here is never closed", 2, 0)]
    [InlineData("Foo  enum:Missing", "uses enum 'Missing', which no schema file defines", 2, 0)]
    public void AMalformedLineIsADiagnosticWithFileAndLine(string line, string message, int zeroBasedLine, int column)
    {
        var user = new InMemoryAdditionalText("/project/bad.schema", $"schema systemd\nsection Service\n{line}\n");

        var run = GeneratorHarness.Run([user]);

        var d = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.StartsWith("CDSL00", d.Id, StringComparison.Ordinal);
        Assert.Contains(message, d.GetMessage(), StringComparison.Ordinal);
        var span = d.Location.GetLineSpan();
        Assert.Equal("/project/bad.schema", span.Path);
        Assert.Equal(zeroBasedLine, span.StartLinePosition.Line);
        Assert.Equal(column, span.StartLinePosition.Character);
    }

    [Fact]
    public void ADuplicateDirectiveNamesBothPlaces()
    {
        var user = new InMemoryAdditionalText("/project/dup.schema", "schema systemd\nsection Service\nExecStart  string\n");

        var run = GeneratorHarness.Run([.. BundledSchemas.Systemd(), user]);

        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CDSL002", d.Id);
        Assert.Contains("[Service] ExecStart=", d.GetMessage(), StringComparison.Ordinal);
        // One place is the diagnostic's location, the other is named in the message.
        var places = d.GetMessage() + " " + d.Location.GetLineSpan().Path;
        Assert.Contains("service.schema", places, StringComparison.Ordinal);
        Assert.Contains("/project/dup.schema", places, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithoutASchemaLineIsReported()
    {
        var user = new InMemoryAdditionalText("/project/none.schema", "section Service\nFoo string\n");

        var run = GeneratorHarness.Run([user]);

        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("CDSL001", d.Id);
        Assert.Contains("schema systemd", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(run.HintNames);
    }

    [Fact]
    public void NoSchemaFilesMeansNoOutputAndNoCrash()
    {
        var run = GeneratorHarness.Run([new InMemoryAdditionalText("/project/readme.md", "# not a schema")]);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.HintNames);
    }
}
