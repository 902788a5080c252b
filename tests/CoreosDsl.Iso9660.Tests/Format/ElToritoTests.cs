using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Format;

public sealed class ElToritoTests
{
    [Fact]
    [Trait("Category", "Oracle")]
    public void Bios_catalog_is_the_sector_xorriso_writes()
    {
        // Same entry as the stock image (isolinux.bin at LBA 34, 4 sectors): the catalog sector must match byte for byte.
        var catalog = ElToritoCatalog.Build([new ElToritoBootEntry(ElToritoPlatform.X86, true, ElToritoEmulation.NoEmulation, 0, 0, 4, 34)]);
        using var stock = File.OpenRead(StockImage.Instance.IsoPath);
        using var image = IsoReader.Open(stock, leaveOpen: true);
        var expected = new byte[2048];
        stock.Position = image.BootCatalog!.Lba * 2048L;
        stock.ReadExactly(expected);
        Assert.Equal(34u, image.BootCatalog.DefaultEntry.Lba);
        Assert.Equal(expected, catalog);
    }

    [Fact]
    public void Bios_and_efi_catalog_round_trips()
    {
        var bytes = ElToritoCatalog.Build([
            new ElToritoBootEntry(ElToritoPlatform.X86, true, ElToritoEmulation.NoEmulation, 0, 0, 4, 34),
            new ElToritoBootEntry(ElToritoPlatform.Efi, true, ElToritoEmulation.NoEmulation, 0, 0, 5760, 60)]);
        var catalog = ElToritoCatalog.Parse(bytes, 33);
        Assert.Equal(ElToritoPlatform.X86, catalog.ValidationPlatform);
        Assert.Equal(2, catalog.Entries.Count);
        var efi = catalog.Entries[1];
        Assert.Equal((ElToritoPlatform.Efi, true, (ushort)5760, 60u), (efi.Platform, efi.IsBootable, efi.SectorCount, efi.Lba));
        Assert.Equal(0x91, bytes[64]); // final section header
        Assert.Equal(0xEF, bytes[65]);
    }

    [Fact]
    public void Validation_entry_checksum_and_key_are_checked()
    {
        var entry = new ValidationEntry(ElToritoPlatform.X86).ToBytes();
        Assert.Equal(ValidationEntry.Parse(entry, 0), new ValidationEntry(ElToritoPlatform.X86));
        entry[4] = 1;
        Assert.Contains("bad checksum", Assert.Throws<InvalidDataException>(() => ValidationEntry.Parse(entry, 67584)).Message);
        entry[31] = 0;
        Assert.Equal("Expected the boot catalog key bytes 55 AA at offset 67614, found 55 00.", Assert.Throws<InvalidDataException>(() => ValidationEntry.Parse(entry, 67584)).Message);
    }

    [Fact]
    public void Section_entries_with_extensions_and_bad_headers()
    {
        var bytes = ElToritoCatalog.Build([
            new ElToritoBootEntry(ElToritoPlatform.X86, true, ElToritoEmulation.NoEmulation, 0, 0, 4, 34),
            new ElToritoBootEntry(ElToritoPlatform.Efi, true, ElToritoEmulation.NoEmulation, 0, 0, 4, 40)]);
        bytes[96 + 1] |= 0x20;               // the EFI entry announces an extension entry
        Assert.Contains("Expected a boot catalog extension entry (0x44) at offset", Assert.Throws<InvalidDataException>(() => ElToritoCatalog.Parse(bytes, 1)).Message);
        bytes[128] = 0x44;
        Assert.Equal(2, ElToritoCatalog.Parse(bytes, 1).Entries.Count);
        bytes[64] = 0x77;
        Assert.Equal("Expected a boot catalog section header (0x90 or 0x91) at offset 2112, found 0x77.", Assert.Throws<InvalidDataException>(() => ElToritoCatalog.Parse(bytes, 1)).Message);
    }

    [Fact]
    [Trait("Category", "Oracle")]
    public void Boot_info_table_matches_the_one_xorriso_patched_into_isolinux_bin()
    {
        using var image = IsoReader.Open(StockImage.Instance.IsoPath);
        var file = (IsoFile)image.GetEntry("isolinux/isolinux.bin")!;
        var patched = new byte[file.Length];
        using (var stream = file.Open())
        {
            stream.ReadExactly(patched);
        }

        var original = File.ReadAllBytes(Path.Combine(StockImage.Instance.TreePath, "isolinux", "isolinux.bin"));
        var table = BootInfoTable.Compute(original, file.Lba);
        Assert.Equal(BootInfoTable.Read(patched), table);
        table.WriteTo(original);
        Assert.Equal(patched, original);
    }

    [Fact]
    public void Boot_info_checksum_pads_a_partial_last_word()
    {
        var image = new byte[70];
        image[64] = 1;
        image[68] = 2;
        image[69] = 1;
        Assert.Equal(1u + 0x0102u, BootInfoTable.Compute(image, 5).Checksum);
    }
}
