using CoreosDsl.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace CoreosDsl.CloudConfig.Tests;

public sealed class YamlWriterTests
{
    private static string SeedText => File.ReadAllText(Path.Combine(TestPaths.TestData, "seed", "cloud-config.yml"));

    [Fact]
    public void Seed_tree_is_written_in_the_seed_shape()
    {
        // The seed as our writer spells it: no "---" line and the long etcd_servers value on one line (the seed's
        // folding at 80 columns is only cosmetic); everything else byte for byte.
        var expected = SeedText
            .Replace("#cloud-config\n---\n", "#cloud-config\n", StringComparison.Ordinal)
            .Replace(",\n      http://etcdcluster3", ", http://etcdcluster3", StringComparison.Ordinal);

        Assert.Equal(expected, CloudConfigYaml.Write(SeedTree.Build()));
    }

    [Fact]
    public void Seed_file_reads_as_the_hand_built_tree_and_round_trips()
    {
        var fromFile = CloudConfigYaml.Read(SeedText);
        Assert.True(fromFile.DeepEquals(SeedTree.Build()));

        var written = CloudConfigYaml.Write(fromFile);
        Assert.True(CloudConfigYaml.Read(written).DeepEquals(fromFile));
        Assert.True(CloudConfigYaml.Read(written, CloudConfigDialect.Flatcar).DeepEquals(fromFile));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Seed_output_reads_the_same_with_PyYAML()
    {
        var tree = SeedTree.Build();
        var py = PyYamlOracle.Load([CloudConfigYaml.Write(tree)]);
        Assert.Null(PyYamlOracle.Compare(tree, py[0]));
    }

    [Fact]
    public void First_line_is_the_header_and_output_is_deterministic()
    {
        var a = CloudConfigYaml.Write(SeedTree.Build());
        var b = CloudConfigYaml.Write(SeedTree.Build());
        Assert.StartsWith("#cloud-config\n", a, StringComparison.Ordinal);
        Assert.Equal(a, b);
        Assert.DoesNotContain("\r", a, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("y")]
    [InlineData("N")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("0644")]
    [InlineData("644")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("-12")]
    [InlineData("+12")]
    [InlineData("1_000")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData(".51_000")] // a float to PyYAML (fraction [0-9_]*), not to the spec regex
    [InlineData("1e3")]
    [InlineData("1E+3")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData(".NaN")]
    [InlineData("+inf")]
    [InlineData("1:20")]
    [InlineData("190:20:30.15")]
    [InlineData("2001-12-14")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("2001-12-14 21:59:43.10")]
    [InlineData("1.2.3")]
    [InlineData("<<")]
    [InlineData("=")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("%YAML")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("- item")]
    [InlineData("-")]
    [InlineData("? key")]
    [InlineData(": value")]
    [InlineData("#comment")]
    [InlineData("a #comment")]
    [InlineData("key: value")]
    [InlineData("ends with colon:")]
    [InlineData("---")]
    [InlineData("...")]
    [InlineData("| block")]
    [InlineData("> folded")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("[flow]")]
    [InlineData("{flow}")]
    [InlineData(",comma")]
    [InlineData(" leading space")]
    [InlineData("trailing space ")]
    [InlineData("tab\there")]
    [InlineData("nul\0byte")]
    [InlineData("bell\a")]
    [InlineData("cr\rhere")]
    [InlineData("nel\u0085here")]
    [InlineData("ls\u2028here")]
    [InlineData("\uFEFFbom")]
    public void Strings_that_would_read_as_something_else_are_quoted(string value)
    {
        var doc = Document(("k", ConfigScalar.String(value)));
        var text = CloudConfigYaml.Write(doc);

        Assert.StartsWith("#cloud-config\nk: \"", text, StringComparison.Ordinal);
        AssertReadsBack(doc, text);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("locksmithd.service")]
    [InlineData("http://etcd:4001, http://etcd2:4001")]
    [InlineData("-/usr/share/coreos/update.conf")]
    [InlineData("*-*-* 05:00:00")]
    [InlineData("role=worker")]
    [InlineData("a:b")]
    [InlineData("a#b")]
    [InlineData("ssh-rsa AAAA== someone@example.com")]
    [InlineData("right-to-left שלום and ünïcödé")]
    [InlineData("0x")]
    [InlineData("12abc")]
    [InlineData("yesno")]
    public void Ordinary_strings_stay_plain(string value)
    {
        var doc = Document(("k", ConfigScalar.String(value)));
        var text = CloudConfigYaml.Write(doc);
        var plain = value.StartsWith('*') ? $"\"{value}\"" : value;

        Assert.Equal($"#cloud-config\nk: {plain}\n", text);
        AssertReadsBack(doc, text);
    }

    [Theory]
    [InlineData("a\nb\n", "k: |\n  a\n  b\n")]
    [InlineData("a\nb", "k: |-\n  a\n  b\n")]
    [InlineData("a\nb\n\n", "k: |+\n  a\n  b\n\n")]
    [InlineData("  indented\nb\n", "k: |2\n    indented\n  b\n")]
    [InlineData("\n\nafter blank lines", "k: |2-\n\n\n  after blank lines\n")]
    [InlineData("[Unit]\nDescription=x: y # not a comment\n", "k: |\n  [Unit]\n  Description=x: y # not a comment\n")]
    public void Multi_line_text_is_a_literal_block(string value, string expectedBody)
    {
        var doc = Document(("k", ConfigScalar.String(value)));
        var text = CloudConfigYaml.Write(doc);

        Assert.Equal("#cloud-config\n" + expectedBody, text);
        AssertReadsBack(doc, text);
    }

    [Theory]
    [InlineData("trailing space \nline\n")]
    [InlineData("last line trailing \n")]
    [InlineData("a\nb ")]
    [InlineData("tab\tinside\nline\n")]
    [InlineData("crlf\r\nline\r\n")]
    [InlineData("\n")]
    [InlineData("\n\n")]
    [InlineData("nul\0\nline\n")]
    [InlineData("sep\u2028\nline\n")]
    public void Multi_line_text_a_literal_block_cannot_hold_is_double_quoted(string value)
    {
        var doc = Document(("k", ConfigScalar.String(value)));
        var text = CloudConfigYaml.Write(doc);

        Assert.StartsWith("#cloud-config\nk: \"", text, StringComparison.Ordinal);
        AssertReadsBack(doc, text);
    }

    [Fact]
    public void Astral_characters_are_escaped_by_YamlDotNet_and_read_back()
    {
        // YamlDotNet double-quotes text with characters outside the BMP and escapes them as \UXXXXXXXX.
        var doc = Document(("k", ConfigScalar.String("emoji 😀 and 𝄞")));
        var text = CloudConfigYaml.Write(doc);

        Assert.Equal("#cloud-config\nk: \"emoji \\U0001F600 and \\U0001D11E\"\n", text);
        AssertReadsBack(doc, text);
    }

    [Fact]
    public void Bools_numbers_and_nulls_are_plain()
    {
        var doc = Document(
            ("b", ConfigScalar.Bool(true)),
            ("i", ConfigScalar.Int(-42)),
            ("f", ConfigScalar.Float(5)),
            ("g", ConfigScalar.Float(1e21)),
            ("h", ConfigScalar.Float(double.NegativeInfinity)),
            ("n", new ConfigScalar("", ScalarKind.Null)));

        var text = CloudConfigYaml.Write(doc);

        Assert.Equal("#cloud-config\nb: true\ni: -42\nf: 5.0\ng: 1.0e+21\nh: -.inf\n\"n\": null\n", text);
        AssertReadsBack(doc, text);
    }

    [Fact]
    public void Sequences_of_mappings_and_empty_collections()
    {
        var unit = Document(("name", ConfigScalar.String("a.service")), ("enable", ConfigScalar.Bool(true)));
        var doc = Document(
            ("units", new ConfigSequence([unit, new ConfigMapping()])),
            ("empty", new ConfigSequence()),
            ("keys", new ConfigSequence([ConfigScalar.String("x"), ConfigScalar.String("yes")])));

        var text = CloudConfigYaml.Write(doc);

        Assert.Equal("#cloud-config\nunits:\n- name: a.service\n  enable: true\n- {}\nempty: []\nkeys:\n- x\n- \"yes\"\n", text);
        AssertReadsBack(doc, text);
    }

    [Fact]
    public void Keys_are_quoted_by_the_same_rules()
    {
        var doc = Document(("on", ConfigScalar.String("x")), ("multi\nline", ConfigScalar.String("y")), ("reboot-strategy", ConfigScalar.String("off")));
        var text = CloudConfigYaml.Write(doc);

        Assert.Contains("\"on\": x\n", text, StringComparison.Ordinal);
        Assert.Contains("reboot-strategy: \"off\"\n", text, StringComparison.Ordinal);
        AssertReadsBack(doc, text);
    }

    [Fact]
    public void Binary_tag_is_kept()
    {
        var doc = Document(("content", new ConfigScalar("aGVsbG8K", ScalarKind.String) { Tag = "tag:yaml.org,2002:binary" }));
        var text = CloudConfigYaml.Write(doc);

        Assert.Equal("#cloud-config\ncontent: !!binary \"aGVsbG8K\"\n", text);
        var back = (ConfigScalar)CloudConfigYaml.Read(text)["content"];
        Assert.Equal("!!binary", back.Tag);
        Assert.Equal("aGVsbG8K", back.Value);
    }

    [Fact]
    public void Unwritable_scalars_fail_naming_the_path()
    {
        var lone = Document(("coreos", Document(("hostname", ConfigScalar.String("a\uD800b")))));
        var e1 = Assert.Throws<ArgumentException>(() => CloudConfigYaml.Write(lone));
        Assert.Contains("\"coreos.hostname\"", e1.Message, StringComparison.Ordinal);
        Assert.Contains("U+D800", e1.Message, StringComparison.Ordinal);

        var notBool = Document(("enable", new ConfigScalar("maybe", ScalarKind.Bool)));
        Assert.Contains("\"enable\"", Assert.Throws<ArgumentException>(() => CloudConfigYaml.Write(notBool)).Message, StringComparison.Ordinal);

        var notInt = Document(("n", new ConfigScalar("0o17", ScalarKind.Int)));
        Assert.Contains("CoreOS: String", Assert.Throws<ArgumentException>(() => CloudConfigYaml.Write(notInt)).Message, StringComparison.Ordinal);
    }

    internal static ConfigMapping Document(params (string Key, ConfigNode Value)[] entries)
    {
        var m = new ConfigMapping();
        foreach (var (k, v) in entries)
        {
            m.Set(k, v);
        }

        return m;
    }

    /// <summary>Reads <paramref name="text"/> with our reader in both dialects and with YamlDotNet's representation model.</summary>
    internal static void AssertReadsBack(ConfigMapping expected, string text)
    {
        Assert.True(CloudConfigYaml.Read(text, CloudConfigDialect.CoreOS).DeepEquals(expected), "CoreOS reader:\n" + text);
        Assert.True(CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar).DeepEquals(expected), "Flatcar reader:\n" + text);
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.Null(YamlDotNetComparer.Compare(expected, stream.Documents[0].RootNode));
    }
}
