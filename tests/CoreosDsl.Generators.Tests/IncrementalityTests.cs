using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CoreosDsl.Generators.Tests;

public class IncrementalityTests
{
    private static readonly string[] TrackedSteps =
    [
        "Options", "SchemaFiles", "SystemdModel", "SystemdSections", "CloudConfigModel", "ReferencesCloudConfig", "IgnitionModel",
    ];

    /// <summary>A project's own schema file: a directive added to a bundled section and a section of its own.</summary>
    private static readonly InMemoryAdditionalText VendorSchema = new("/project/schemas/vendor.schema", """
        schema systemd
        section Service
        FancyTimeoutSec  timespan
        section Acme
        Level  int
        """);

    /// <summary>As the CoreosDsl props set it in a definitions project: the bundled schemas are CoreosDsl.Systemd's.</summary>
    private static readonly Dictionary<string, string> Consumer = new() { ["build_property.CoreosDslSchemaDirectory"] = BundledSchemas.Root + "/" };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnEditToUserSourceLeavesEveryStepCachedAndRegeneratesNothing(bool asConsumer)
    {
        // Where the builders are generated (CoreosDsl.Systemd, CoreosDsl.CloudConfig), and in a definitions project
        // with a schema file of its own (whose additions are generated there).
        var files = asConsumer
            ? BundledSchemas.Systemd().Append(VendorSchema).ToList()
            : BundledSchemas.Systemd().Append(BundledSchemas.CloudConfig()).Append(BundledSchemas.Ignition()).ToList();
        var compilation = GeneratorHarness.Compilation("public static class A { public static int X => 1; }");
        var driver = GeneratorHarness.CreateDriver(files, asConsumer ? Consumer : null).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.NotEmpty(first.GeneratedTrees);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText("public static class A { public static int X => 2; }", (CSharpParseOptions)compilation.SyntaxTrees.First().Options, "User0.cs"));
        var second = driver.RunGenerators(edited).GetRunResult();

        var steps = second.Results.Single().TrackedSteps;
        foreach (var name in TrackedSteps.Where(n => !asConsumer || n is not ("CloudConfigModel" or "IgnitionModel")))
        {
            Assert.True(steps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var step in steps[name])
            {
                foreach (var (value, reason) in step.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"step {name} ran again ({reason}) after a user edit");
                    AssertHoldsNoCompilerObjects(value, name);
                }
            }
        }

        // Every output step is cached: no source was regenerated.
        var outputs = second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs);
        Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.Equal(first.GeneratedTrees.Length, second.GeneratedTrees.Length);
    }

    [Fact]
    public void AnEditToOneSchemaFileRegeneratesOnlyWhatChanged()
    {
        var files = BundledSchemas.Systemd().ToList();
        var compilation = GeneratorHarness.Compilation("");
        var driver = GeneratorHarness.CreateDriver(files).RunGenerators(compilation);

        var timer = files.Single(f => f.Path.EndsWith("timer.schema", StringComparison.Ordinal));
        var changed = new InMemoryAdditionalText(timer.Path, timer.GetText()!.ToString() + "ExtraTimerSetting  bool\n");
        driver = driver.ReplaceAdditionalText(timer, changed).RunGenerators(compilation);

        var sections = driver.GetRunResult().Results.Single().TrackedSteps["SystemdSections"].SelectMany(s => s.Outputs).ToList();
        var modified = sections.Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        var item = Assert.Single(modified);
        Assert.Contains("Timer", item.Value.ToString(), StringComparison.Ordinal);
        Assert.All(sections.Except(modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
    }

    [Fact]
    public void InADefinitionsProjectAnEditToItsSchemaFileRegeneratesOnlyItsAdditions()
    {
        var files = BundledSchemas.Systemd().Append(VendorSchema).ToList();
        var compilation = GeneratorHarness.Compilation("");
        var driver = GeneratorHarness.CreateDriver(files, Consumer).RunGenerators(compilation);
        // Only the project's additions are generated: the extension methods of CoreosDsl.Systemd's [Service] builder
        // and its own [Acme] builder, none of the bundled builders.
        Assert.Equal(["Systemd.AcmeSectionBuilder.g.cs", "Systemd.ServiceSectionBuilderExtensions.g.cs"],
            driver.GetRunResult().GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order(StringComparer.Ordinal));

        var changed = new InMemoryAdditionalText(VendorSchema.Path, VendorSchema.GetText()!.ToString() + "\nVolume  int\n");
        driver = driver.ReplaceAdditionalText(VendorSchema, changed).RunGenerators(compilation);

        var sections = driver.GetRunResult().Results.Single().TrackedSteps["SystemdSections"].SelectMany(s => s.Outputs).ToList();
        var modified = Assert.Single(sections, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("Acme", modified.Value.ToString(), StringComparison.Ordinal);
        Assert.All(sections.Where(o => o.Reason != IncrementalStepRunReason.Modified), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.Contains("Volume(", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("AcmeSectionBuilder.g.cs", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string step, int depth = 0)
    {
        if (value is null || depth > 8 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is Compilation or ISymbol or SyntaxNode or SemanticModel or Location,
            $"step {step} holds a {value.GetType().Name}, which defeats caching");
        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence.Cast<object?>().Take(50))
            {
                AssertHoldsNoCompilerObjects(item, step, depth + 1);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), step, depth + 1);
        }
    }
}
