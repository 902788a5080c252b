namespace CoreosDsl.CloudConfig.Tests;

public sealed class YamlReaderTests
{
    private const string Doc = "#cloud-config\ncoreos:\n  units:\n  - name: a.service\n    enable: yes\n    mask: 'no'\nhostname: h\n";

    [Fact]
    public void Lines_and_columns_are_one_based()
    {
        var root = CloudConfigYaml.Read(Doc);
        var coreos = (ConfigMapping)root["coreos"];
        var units = (ConfigSequence)coreos["units"];
        var unit = (ConfigMapping)units[0];

        Assert.Equal(2, root.KeyLine("coreos"));
        Assert.Equal(7, root.KeyLine("hostname"));
        Assert.Equal(3, coreos.KeyLine("units"));
        Assert.Equal((4, 3), (units.Line, units.Column));
        Assert.Equal((4, 5), (unit.Line, unit.Column));
        Assert.Equal(5, unit.KeyLine("enable"));
        Assert.Equal((5, 13), (unit["enable"].Line, unit["enable"].Column));
    }

    [Fact]
    public void Plain_scalars_are_typed_by_the_dialect()
    {
        var text = "#cloud-config\na: yes\nb: 'yes'\nc: 0644\nd: 0o644\ne: 2001-12-14\nf: 1.5\ng: ~\nh: TRUE\ni: 1e3\nj: +inf\n";
        var coreos = CloudConfigYaml.Read(text, CloudConfigDialect.CoreOS);
        var flatcar = CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar);

        Assert.Equal(("true", ScalarKind.Bool), Pair(coreos["a"]));
        Assert.Equal(("yes", ScalarKind.String), Pair(flatcar["a"]));
        Assert.Equal(("yes", ScalarKind.String), Pair(coreos["b"]));
        Assert.Equal(("0644", ScalarKind.Int), Pair(coreos["c"]));
        Assert.Equal(("0644", ScalarKind.Int), Pair(flatcar["c"]));
        Assert.Equal(("0o644", ScalarKind.String), Pair(coreos["d"]));
        Assert.Equal(("0o644", ScalarKind.Int), Pair(flatcar["d"]));
        Assert.Equal(("2001-12-14", ScalarKind.String), Pair(coreos["e"]));
        Assert.Equal(("1.5", ScalarKind.Float), Pair(coreos["f"]));
        Assert.Equal(("", ScalarKind.Null), Pair(coreos["g"]));
        Assert.Equal(("true", ScalarKind.Bool), Pair(flatcar["h"]));
        Assert.Equal(("1e3", ScalarKind.Float), Pair(flatcar["i"]));
        Assert.Equal(("+inf", ScalarKind.Float), Pair(coreos["j"]));
        Assert.Equal(("+inf", ScalarKind.String), Pair(flatcar["j"]));
    }

    [Theory]
    [InlineData("#cloud-config\na:\na", 3, 1, "could not find expected ':'")]
    [InlineData("#cloud-config\na: 'x\n", 2, 4, "found unexpected end of stream")]
    [InlineData("#cloud-config\na: *x\n", 2, 4, "unknown anchor 'x' referenced")]
    public void Syntax_errors_name_line_column_and_YamlDotNet_message(string text, int line, int column, string problem)
    {
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(text));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_rejected()
    {
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read("#cloud-config\n- a\n"));
        Assert.Equal(2, e.Line);
        Assert.Contains("sequence", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_documents_and_aliases()
    {
        Assert.Equal(0, CloudConfigYaml.Read("#cloud-config\n").Count);
        var root = CloudConfigYaml.Read("#cloud-config\na: &x [1, 2]\nb: *x\n");
        Assert.True(root["a"].DeepEquals(root["b"]));
    }

    [Fact]
    public void Duplicate_keys_last_wins_on_CoreOS_and_fail_on_Flatcar()
    {
        const string text = "#cloud-config\na: 1\na: 2\n";
        Assert.Equal("2", ((ConfigScalar)CloudConfigYaml.Read(text)["a"]).Value);
        var e = Assert.Throws<YamlSyntaxException>(() => CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar));
        Assert.Equal(3, e.Line);
    }

    private static (string, ScalarKind) Pair(ConfigNode node) => (((ConfigScalar)node).Value, ((ConfigScalar)node).Kind);
}
