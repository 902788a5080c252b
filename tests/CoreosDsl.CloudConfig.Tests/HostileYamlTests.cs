using System.Text;
using CoreosDsl.CloudConfig.Validation;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// Inputs built to exhaust a reader: an alias bomb and deep nesting end in a located error, within a memory bound
/// (allocations on the test's thread; the time bound is only a guard against a hang, the speed goal is a benchmark).
/// </summary>
public sealed class HostileYamlTests
{
    private const long MemoryBound = 100L * 1024 * 1024;

    /// <summary>368 bytes; nine levels of nine aliases: 9^9 (387 million) strings once expanded.</summary>
    public static readonly string AliasBomb = BuildAliasBomb();

    /// <summary>100,000 nested flow sequences.</summary>
    public static readonly string DeepNesting = "#cloud-config\na: " + new string('[', 100_000) + "\n";

    [Fact]
    public void The_alias_bomb_is_368_bytes()
    {
        Assert.Equal(368, Encoding.UTF8.GetByteCount(AliasBomb));
    }

    [Theory]
    [InlineData(CloudConfigDialect.CoreOS)]
    [InlineData(CloudConfigDialect.Flatcar)]
    public void Reading_an_alias_bomb_is_a_located_error(CloudConfigDialect dialect)
    {
        var e = Bounded(() => Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(AliasBomb, dialect)));

        Assert.Contains("document contains excessive aliasing", e.Problem, StringComparison.Ordinal);
        Assert.InRange(e.Line, 3, 10);
        Assert.True(e.Column > 1, e.Message);
    }

    [Theory]
    [InlineData(CloudConfigDialect.CoreOS)]
    [InlineData(CloudConfigDialect.Flatcar)]
    public void Validating_an_alias_bomb_is_a_located_error(CloudConfigDialect dialect)
    {
        var report = Bounded(() => CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(AliasBomb), dialect));

        var error = Assert.Single(report.Entries, e => e.Severity == ValidationSeverity.Error);
        Assert.Equal(ValidationRuleIds.YamlSyntax, error.RuleId);
        Assert.InRange(error.Line, 3, 10);
        Assert.Contains("excessive aliasing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_a_located_error_not_a_stack_overflow()
    {
        var e = Bounded(() => Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(DeepNesting)));

        Assert.Equal((2, 4 + YamlExpansionBudget.MaxDepth - 1), (e.Line, e.Column));
        Assert.Contains($"exceeded max depth of {YamlExpansionBudget.MaxDepth}", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_a_validation_error()
    {
        var report = Bounded(() => CloudConfigValidator.Validate(Encoding.UTF8.GetBytes(DeepNesting), CloudConfigDialect.Flatcar));

        var error = Assert.Single(report.Entries, e => e.Severity == ValidationSeverity.Error);
        Assert.Equal(2, error.Line);
        Assert.Contains("exceeded max depth", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_reads()
    {
        // The value of "a" is at depth 1: MaxDepth - 1 sequences fit, one more does not.
        var fits = "a: " + new string('[', YamlExpansionBudget.MaxDepth - 1) + new string(']', YamlExpansionBudget.MaxDepth - 1) + "\n";
        var over = "a: " + new string('[', YamlExpansionBudget.MaxDepth) + new string(']', YamlExpansionBudget.MaxDepth) + "\n";

        Assert.IsType<ConfigSequence>(CloudConfigYaml.Read(fits)["a"]);
        Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(over));
    }

    [Fact]
    public void Ordinary_aliases_still_read()
    {
        // Anchors shared between units are a common pattern in hand-written cloud-configs.
        var text = "#cloud-config\nx: &drop\n  name: 10-env.conf\n  content: |\n    [Service]\ncoreos:\n  units:\n    - name: a.service\n      drop_ins: [*drop]\n    - name: b.service\n      drop_ins: [*drop]\n";

        var units = (ConfigSequence)((ConfigMapping)CloudConfigYaml.Read(text)["coreos"])["units"];

        Assert.Equal(2, units.Count);
        Assert.All(units, u => Assert.Equal("10-env.conf", ((ConfigMapping)((ConfigSequence)((ConfigMapping)u)["drop_ins"])[0])["name"].ToString()));
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_an_error()
    {
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read("a: &x [1, *x]\n"));

        Assert.Equal((1, 11), (e.Line, e.Column));
        Assert.Contains("anchor 'x' value contains itself", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_aliases_of_a_scalar_are_not_excessive()
    {
        // yaml.v3's rule: 1,000 aliases of one scalar in a small document stay under its 99% share.
        var text = "a: &v x\nb: [" + string.Join(", ", Enumerable.Repeat("*v", 1000)) + "]\n";

        Assert.Equal(1000, ((ConfigSequence)CloudConfigYaml.Read(text)["b"]).Count);
    }

    private static T Bounded<T>(Func<T> action)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = action();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < MemoryBound, $"allocated {allocated:N0} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        return result;
    }

    private static string BuildAliasBomb()
    {
        var text = new StringBuilder("#cloud-config\n");
        text.Append("a: &a [").Append(string.Join(",", Enumerable.Repeat("\"lol\"", 9))).Append("]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            text.Append($"{level}: &{level} [").Append(string.Join(",", Enumerable.Repeat($"*{previous}", 9))).Append("]\n");
        }

        return text.Append("hostname: x\n").ToString();
    }
}
