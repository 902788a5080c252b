using System.Text;
using CsCheck;
using YamlDotNet.RepresentationModel;

namespace CoreosDsl.CloudConfig.Tests;

/// <summary>
/// Random documents with hostile strings: whatever the writer emits must read back as the same tree with our reader
/// (both dialects), with YamlDotNet, and with PyYAML (YAML 1.1), and no string may come back typed as something else.
/// </summary>
public sealed class WriterPropertyTests
{
    // Pieces that break naive emitters: indicators, bool/number/null look-alikes, line breaks, quotes, unicode.
    private static readonly string[] Hostile =
    [
        "", " ", "  ", "\t", "\n", "\r\n", "\r", "\0", ":", ": ", " :", "- ", "-", "?", "? ", "#", " #", "---", "...", "|", ">",
        "'", "\"", "\\", "[", "]", "{", "}", ",", "*", "&", "!", "%", "@", "`", "=", "<<", "~",
        "yes", "No", "y", "N", "on", "OFF", "true", "False", "null", "NULL", "0644", "0o17", "0x1F", "0b11", "1_000", "-12",
        "+3", "1.5", ".5", "1e3", "1E+3", ".inf", "-.Inf", ".nan", "1:20", "2001-12-14", "2001-12-14 21:59:43.10",
        "é", "ß", "שלום", "مرحبا", "😀", "𝄞", "\u200B", "\u00A0", "\u0085", "\u2028", "\uFEFF", "\u007F",
        "a", "b", "name", "start", "/usr/bin/x", "Description=x", "ssh-rsa AAAA==", "0", "00", "09",
    ];

    private static string RandomString(Random r)
    {
        var sb = new StringBuilder();
        var parts = r.Next(0, 6);
        for (var i = 0; i < parts; i++)
        {
            sb.Append(r.Next(4) switch
            {
                0 => ((char)r.Next(0x20, 0x7F)).ToString(),
                1 => new string('x', r.Next(1, r.Next(3) == 0 ? 400 : 10)),
                _ => Hostile[r.Next(Hostile.Length)],
            });
        }

        return sb.ToString();
    }

    private static ConfigScalar RandomScalar(Random r) => r.Next(10) switch
    {
        0 => ConfigScalar.Bool(r.Next(2) == 0),
        1 => ConfigScalar.Int(r.NextInt64(long.MinValue, long.MaxValue)),
        2 => ConfigScalar.Float(r.Next(4) switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => r.Next(-1000, 1000), _ => (r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-30, 30)) }),
        3 => new ConfigScalar("", ScalarKind.Null),
        _ => ConfigScalar.String(RandomString(r)),
    };

    private static ConfigNode RandomNode(Random r, int depth) => (depth > 0 ? r.Next(6) : 0) switch
    {
        0 or 1 or 2 => RandomScalar(r),
        3 or 4 => RandomMapping(r, depth - 1),
        _ => new ConfigSequence(Enumerable.Range(0, r.Next(0, 4)).Select(_ => RandomNode(r, depth - 1))),
    };

    private static ConfigMapping RandomMapping(Random r, int depth)
    {
        var m = new ConfigMapping();
        var n = r.Next(0, 5);
        for (var i = 0; i < n; i++)
        {
            var key = RandomString(r);
            if (key.Length < 200)
            {
                m.Set(key, RandomNode(r, depth));
            }
        }

        return m;
    }

    private static readonly Gen<ConfigMapping> Documents = Gen.Int.Select(seed => RandomMapping(new Random(seed), 4));

    [Fact]
    public void Emitted_documents_read_back_identically_with_our_reader_and_YamlDotNet()
    {
        Documents.Sample(doc =>
        {
            var text = CloudConfigYaml.Write(doc);
            Assert.Equal(text, CloudConfigYaml.Write(doc));
            Assert.True(CloudConfigYaml.Read(text, CloudConfigDialect.CoreOS).DeepEquals(doc), "CoreOS reader:\n" + text);
            Assert.True(CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar).DeepEquals(doc), "Flatcar reader:\n" + text);
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
            Assert.Null(root is null ? null : YamlDotNetComparer.Compare(doc, root));
        }, iter: 3000, print: d => CloudConfigYaml.Write(d));
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Emitted_documents_read_back_identically_with_PyYAML()
    {
        // One PyYAML process for the whole batch; CsCheck's seeded generator keeps the batch reproducible.
        var docs = new List<ConfigMapping>();
        Documents.Sample(d => docs.Add(d), iter: 1500, threads: 1);
        var texts = docs.Select(CloudConfigYaml.Write).ToList();
        var read = PyYamlOracle.Load(texts);

        for (var i = 0; i < docs.Count; i++)
        {
            Assert.True(PyYamlOracle.Compare(docs[i], read[i]) is null,
                $"{PyYamlOracle.Compare(docs[i], read[i])}\n--- emitted:\n{texts[i]}");
        }
    }

    [Fact]
    public void Single_strings_are_never_typed_as_something_else()
    {
        Gen.Int.Select(seed => RandomString(new Random(seed))).Sample(s =>
        {
            var doc = new ConfigMapping();
            doc.Set("k", ConfigScalar.String(s));
            var text = CloudConfigYaml.Write(doc);
            var back = (ConfigScalar)CloudConfigYaml.Read(text)["k"];
            Assert.Equal(ScalarKind.String, back.Kind);
            Assert.Equal(s, back.Value);
            var flatcar = (ConfigScalar)CloudConfigYaml.Read(text, CloudConfigDialect.Flatcar)["k"];
            Assert.Equal(ScalarKind.String, flatcar.Kind);
        }, iter: 5000);
    }
}
