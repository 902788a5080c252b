using System.Text;

namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class NameTests
{
    private static string[] Iso(int level, params (string Name, bool Dir)[] children) =>
        Iso9660Names.Assign(children, level).Select(i => Encoding.ASCII.GetString(i.ToBytes())).ToArray();

    [Fact]
    public void Level_1_names_are_8_3_upper_case_d_characters()
    {
        Assert.Equal(["CLOUD_CO.YML;1", "VMLINUZ.;1", "ISOLINUX", "_PROFILE.;1", "A_B_C.TXT;1", "_N_C_D.TXT;1"],
            Iso(1, ("cloud-config.yml", false), ("vmlinuz", false), ("isolinux", true), (".profile", false), ("a.b.c.txt", false), ("ünïcöd.txt", false)));
    }

    [Fact]
    public void Level_2_names_keep_up_to_30_characters()
    {
        Assert.Equal(["CLOUD_CONFIG.YML;1", "A_VERY_LONG_DIRECTORY_NAME_THAT", new string('X', 20) + "." + "ABCDEFGHIJ;1"],
            Iso(2, ("cloud-config.yml", false), ("a very long directory name that goes on", true), (new string('x', 40) + ".abcdefghijklm", false)));
    }

    [Fact]
    public void Clashes_get_numbered_in_original_name_order()
    {
        Assert.Equal(["CLOUD_CO.YML;1", "CLOUD_C1.YML;1", "CLOUD_C2.YML;1"],
            Iso(1, ("Cloud-Config.yml", false), ("cloud-config.yml", false), ("cloud_config.yml", false)));
        Assert.Equal(["A", "A.;1"], Iso(1, ("a", true), ("A", false)));
        Assert.Equal(["X.;1", "X1.;1"], Iso(1, ("x", false), ("x.", false)));
    }

    [Fact]
    public void Identifiers_sort_by_name_then_extension()
    {
        var ids = Iso9660Names.Assign([("b.a", false), ("a.z", false), ("ab", true), ("a", true)], 1).ToList();
        ids.Sort(Iso9660Names.Compare);
        Assert.Equal(["A", "A.Z;1", "AB", "B.A;1"], ids.Select(i => Encoding.ASCII.GetString(i.ToBytes())));
    }

    [Fact]
    public void Joliet_names_are_cut_to_64_keeping_the_extension_and_surrogate_pairs()
    {
        var longName = new string('n', 100) + ".yml";
        var emoji = new string('e', 63) + "😀tail";
        var names = JolietNames.Assign([longName, longName + "2", "bad:name?", emoji]);
        Assert.Equal(new string('n', 60) + ".yml", names[0]);
        Assert.Equal(64, names[1].Length);
        Assert.Equal("bad_name_", names[2]);
        Assert.Equal(new string('e', 63), names[3]); // the pair does not fit: dropped whole
        Assert.All(names, n => Assert.True(n.Length <= 64));
        var clash = JolietNames.Assign([new string('n', 70) + ".yml", new string('n', 71) + ".yml"]);
        Assert.Equal(new string('n', 59) + "1.yml", clash[1]);
    }
}
