using Microsoft.CodeAnalysis;

namespace CoreosDsl.Generators.Tests;

public class IgnitionSchemaTests
{
    private static AdditionalText Schema(string text) => new InMemoryAdditionalText("/schemas/test-ignition.schema", text);

    [Fact]
    public void The_bundled_schema_generates_builders_for_every_section_without_diagnostics()
    {
        var run = GeneratorHarness.Run([BundledSchemas.Ignition()]);

        Assert.Empty(run.Result.Diagnostics);
        Assert.Contains("Ignition.IgnitionConfigBuilder.g.cs", run.HintNames);
        Assert.Contains("Ignition.ResourceBuilder.g.cs", run.HintNames);
        var storage = run.Generated("Ignition.StorageBuilder.g.cs");
        Assert.Contains("public StorageBuilder File([global::CoreosDsl.Ignition.IgnitionFormat(\"path\")] string path, global::System.Action<FileBuilder>? configure = null)", storage);
        Assert.Contains("public StorageBuilder Luks(string name, global::System.Action<LuksBuilder>? configure = null)", storage);
        // Shapes are expanded in the key table: the contents of a file have the resource's keys.
        Assert.Contains("\"storage.files[].contents.verification.hash\"", run.Generated("Ignition.Schema.g.cs"));
    }

    [Fact]
    public void A_shape_that_is_not_declared_is_reported()
    {
        var run = GeneratorHarness.Run([Schema("schema ignition\nspec 3.3.0\nstorage object\nstorage.x object like=@nothing\n")]);

        var d = Assert.Single(run.Result.Diagnostics);
        Assert.Equal("CDSL003", d.Id);
        Assert.Contains("'@nothing'", d.GetMessage());
    }

    [Fact]
    public void A_schema_without_a_spec_line_is_reported()
    {
        var run = GeneratorHarness.Run([Schema("schema ignition\nstorage object\n")]);

        Assert.Contains(run.Result.Diagnostics, d => d.Id == "CDSL001" && d.GetMessage().Contains("spec VERSION"));
    }
}
