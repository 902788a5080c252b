using System.Text;
using CsCheck;

namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class RockRidgeEntryTests
{
    private static SuspEntry Reparse(SuspEntry entry)
    {
        var bytes = entry.ToBytes();
        var (parsed, offset) = Assert.Single(SuspEntry.ParseArea(bytes, 1000));
        Assert.Equal(1000, offset);
        Assert.Equal(bytes, parsed.ToBytes());
        return parsed;
    }

    [Fact]
    public void Sp_ce_and_er_round_trip()
    {
        var sp = Reparse(new SharingProtocolEntry(0).ToEntry());
        Assert.Equal(Convert.FromHexString("5350070 1BEEF00".Replace(" ", "")), sp.ToBytes());
        Assert.True(SharingProtocolEntry.IsPresent(sp.ToBytes()));
        var ce = new ContinuationEntry(21, 0, 237);
        Assert.Equal(ce, ContinuationEntry.Parse(Reparse(ce.ToEntry()), 0));
        Assert.Equal(28, ce.ToEntry().Length);
        var er = ExtensionReferenceEntry.Parse(Reparse(ExtensionReferenceEntry.RockRidge.ToEntry()), 0);
        Assert.Equal(ExtensionReferenceEntry.RockRidge, er);
        Assert.Equal(237, ExtensionReferenceEntry.RockRidge.ToEntry().Length); // as in xorriso's images
    }

    [Fact]
    public void Px_tf_round_trip_in_both_px_forms()
    {
        var px = new PosixAttributesEntry(0x81A4, 1, 0, 0);
        Assert.Equal(36, px.ToEntry().Length);
        Assert.Equal(px, PosixAttributesEntry.Parse(Reparse(px.ToEntry()), 0));
        var px112 = new PosixAttributesEntry(0x41ED, 3, 1000, 1000, 77);
        Assert.Equal(44, px112.ToEntry().Length);
        Assert.Equal(px112, PosixAttributesEntry.Parse(Reparse(px112.ToEntry()), 0));

        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var tf = TimestampsEntry.ForFile(time, time.AddSeconds(1), time.AddSeconds(2));
        Assert.Equal(26, tf.ToEntry().Length);
        var parsed = TimestampsEntry.Parse(Reparse(tf.ToEntry()), 0);
        Assert.Equal((time, time.AddSeconds(1), time.AddSeconds(2)), (parsed.Get(TimestampsFlags.Modify), parsed.Get(TimestampsFlags.Access), parsed.Get(TimestampsFlags.Attributes)));
        Assert.Null(parsed.Get(TimestampsFlags.Creation));
    }

    [Fact]
    public void Long_names_split_into_continued_nm_entries()
    {
        var name = Encoding.UTF8.GetBytes(new string('é', 127) + "x"); // 255 bytes
        var entries = AlternateNameEntry.For(name);
        Assert.Equal(2, entries.Count);
        Assert.Equal(AlternateNameFlags.Continue, entries[0].Flags);
        Assert.Equal(AlternateNameFlags.None, entries[1].Flags);
        Assert.All(entries, e => Assert.True(e.ToEntry().Length <= 255));
        Assert.Equal(name, entries.SelectMany(e => AlternateNameEntry.Parse(Reparse(e.ToEntry()), 0).Name).ToArray());
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("/usr/share/coreos")]
    [InlineData("../isolinux/isolinux.cfg")]
    [InlineData("./x")]
    [InlineData("/")]
    [InlineData("name")]
    public void Symbolic_link_targets_round_trip(string target)
    {
        var entries = SymbolicLinkEntry.For(target).Select(e => SymbolicLinkEntry.Parse(Reparse(e.ToEntry()), 0));
        Assert.Equal(target, SymbolicLinkEntry.ToTarget(entries));
    }

    [Fact]
    public void Any_symbolic_link_target_round_trips_through_several_entries()
    {
        var component = Gen.String[Gen.Char['a', 'z'], 1, 300];
        Gen.Select(Gen.Bool, component.Array[1, 6]).Sample((absolute, parts) =>
        {
            var target = (absolute ? "/" : "") + string.Join('/', parts);
            var entries = SymbolicLinkEntry.For(target);
            Assert.All(entries, e => Assert.True(e.ToEntry().Length <= 255));
            Assert.Equal(entries.Count > 1, entries[0].Continues);
            Assert.Equal(target, SymbolicLinkEntry.ToTarget(entries.Select(e => SymbolicLinkEntry.Parse(Reparse(e.ToEntry()), 0))));
        }, iter: 300);
    }

    [Fact]
    public void Bad_lengths_throw_naming_the_entry_and_offset()
    {
        byte[] area = [.. "PX"u8, 3, 1, 0, 0];
        Assert.Equal("SUSP entry 'PX' at offset 500 has length 3; expected 4 to 6 (the bytes left in its system use area).",
            Assert.Throws<InvalidDataException>(() => SuspEntry.ParseArea(area, 500)).Message);
        area[2] = 40;
        Assert.Contains("has length 40; expected 4 to 6", Assert.Throws<InvalidDataException>(() => SuspEntry.ParseArea(area, 500)).Message);
        Assert.Contains("Rock Ridge entry 'PX' at offset 9 has 2 data bytes; expected at least 32",
            Assert.Throws<InvalidDataException>(() => PosixAttributesEntry.Parse(new SuspEntry("PX", 1, [1, 2]), 9)).Message);
        Assert.Empty(SuspEntry.ParseArea([.. "ST"u8, 4, 1, .. "PX"u8], 0));
        Assert.Empty(SuspEntry.ParseArea([0, 0, 0, 0, 0], 0));
    }
}
