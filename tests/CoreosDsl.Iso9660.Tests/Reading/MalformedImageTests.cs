namespace CoreosDsl.Iso9660.Tests.Reading;

/// <summary>Specific kinds of damage, each rejected with an <see cref="InvalidDataException"/> that names the offset.</summary>
public sealed class MalformedImageTests
{
    /// <summary>A small image: /a/ (a directory), /a/b.txt, /c.txt, /d.txt, with Rock Ridge and Joliet.</summary>
    private static byte[] SmallImage()
    {
        var builder = new IsoBuilder { VolumeIdentifier = "SMALL", Timestamp = Images.Timestamp }
            .AddFile("a/b.txt", IsoFileSource.FromText("bee\n"))
            .AddFile("c.txt", IsoFileSource.FromText(new string('c', 3000)))
            .AddFile("d.txt", IsoFileSource.FromText("dee\n"));
        var output = new MemoryStream();
        builder.Write(output);
        return output.ToArray();
    }

    private static InvalidDataException Reject(byte[] image, Action<IsoImage>? use = null)
    {
        return Assert.Throws<InvalidDataException>(() =>
        {
            using var iso = IsoReader.Open(new MemoryStream(image));
            (use ?? (i => i.EnumerateFiles().ToList().ForEach(f => f.Open().CopyTo(Stream.Null))))(iso);
        });
    }

    private static uint RootLba(byte[] image) => BitConverter.ToUInt32(image, 0x8000 + 156 + 2);

    [Fact]
    public void Truncated_image_names_the_size()
    {
        var image = SmallImage();
        var error = Reject(image[..^2048]);
        Assert.Contains("the image is truncated", error.Message);
        Assert.Contains($"only {image.Length - 2048} bytes", error.Message);
        Assert.Contains("at least 34816", Reject(image[..20000]).Message);
    }

    [Fact]
    public void Not_an_iso_names_the_identifier_offset()
    {
        var error = Reject(new byte[64 * 1024]);
        Assert.Equal("Expected the volume descriptor identifier 'CD001' at offset 32769, found '': this is not an ISO 9660 image or it is damaged.", error.Message);
    }

    [Fact]
    public void Unknown_descriptor_type_is_named()
    {
        var image = SmallImage();
        image[0x8800] = 7; // the Joliet descriptor at sector 17
        Assert.StartsWith("Unknown volume descriptor type 7 at offset 34816", Reject(image).Message);
    }

    [Fact]
    public void Directory_pointing_at_its_ancestor_is_a_loop()
    {
        var image = SmallImage();
        var root = RootLba(image);
        var a = RecordLocator.Find(image, root, "A");
        RecordLocator.WriteBothEndian(image, a + DirectoryRecord.ExtentOffset, root);
        var error = Reject(image);
        Assert.Contains("/a has the extent at LBA", error.Message);
        Assert.Contains("the directory tree loops", error.Message);
    }

    [Fact]
    public void File_extent_past_the_end_is_named()
    {
        var image = SmallImage();
        var record = RecordLocator.Find(image, RootLba(image), "C.TXT");
        RecordLocator.WriteBothEndian(image, record + DirectoryRecord.ExtentOffset, 1_000_000);
        var error = Reject(image);
        Assert.Contains($"The file extent (LBA 1000000) of the record at offset {record}", error.Message);
        Assert.Contains("runs past the end of the image", error.Message);
    }

    [Fact]
    public void Absurd_directory_size_is_refused_before_reading()
    {
        var image = SmallImage();
        var a = RecordLocator.Find(image, RootLba(image), "A");
        RecordLocator.WriteBothEndian(image, a + DirectoryRecord.DataLengthOffset, 0xFFFFF000);
        var error = Reject(image);
        Assert.Contains("Directory /a", error.Message);
        Assert.Contains("claims 4294963200 bytes", error.Message);
    }

    [Fact]
    public void Bad_susp_length_is_named()
    {
        var image = SmallImage();
        var record = RecordLocator.Find(image, RootLba(image), "D.TXT");
        var px = RecordLocator.FindSusp(image, record, "PX");
        image[px + 2] = 2;
        Assert.Equal($"SUSP entry 'PX' at offset {px} has length 2; expected 4 to {image[record] - (px - record)} (the bytes left in its system use area).", Reject(image).Message);
    }

    [Fact]
    public void Continuation_area_chain_that_loops_is_refused()
    {
        // A long name needs a continuation area; make that area end with a CE entry pointing back at itself.
        var builder = new IsoBuilder { Timestamp = Images.Timestamp, Joliet = false }.AddFile(new string('x', 240), IsoFileSource.FromText("x"));
        var output = new MemoryStream();
        builder.Write(output);
        var image = output.ToArray();
        var record = RecordLocator.Find(image, RootLba(image), "XXXXXXXX");
        var ce = RecordLocator.FindSusp(image, record, "CE");
        var area = ContinuationEntry.Parse(new SuspEntry("CE", 1, image[(ce + 4)..(ce + 28)]), ce);
        var areaStart = (int)(area.Lba * 2048 + area.Offset);
        var looped = new ContinuationEntry(area.Lba, area.Offset, area.Length + ContinuationEntry.EntryLength);
        looped.ToEntry().ToBytes().CopyTo(image, areaStart + area.Length);
        looped.ToEntry().ToBytes().CopyTo(image, ce);
        var error = Reject(image);
        Assert.Contains("continuation areas: the chain loops", error.Message);
    }

    [Fact]
    public void Multi_extent_file_reads_its_extents_in_order()
    {
        // Turn /c.txt and /d.txt into the two extents of one file: same identifier, multi-extent flag on the first.
        var image = SmallImage();
        var root = RootLba(image);
        var c = RecordLocator.Find(image, root, "C.TXT");
        var d = RecordLocator.Find(image, root, "D.TXT");
        image[c + DirectoryRecord.FlagsOffset] |= 0x80;
        image[d + DirectoryRecord.IdentifierOffset] = (byte)'C';
        using var iso = IsoReader.Open(new MemoryStream(image));
        var file = Assert.IsType<IsoFile>(iso.GetEntry("c.txt"));
        Assert.True(file.IsMultiExtent);
        Assert.Equal(2, file.Extents.Count);
        using var reader = new StreamReader(file.Open());
        Assert.Equal(new string('c', 3000) + "dee\n", reader.ReadToEnd());
        Assert.Null(iso.GetEntry("d.txt"));
    }

    [Fact]
    public void Multi_extent_file_without_its_last_extent_is_refused()
    {
        var image = SmallImage();
        var d = RecordLocator.Find(image, RootLba(image), "D.TXT");
        image[d + DirectoryRecord.FlagsOffset] |= 0x80;
        Assert.Contains("its final extent is missing", Reject(image).Message);
    }

    [Fact]
    public void Bad_boot_catalog_is_reported_when_the_catalog_is_read()
    {
        var builder = new IsoBuilder { Timestamp = Images.Timestamp, Boot = new ElToritoBoot { BiosBootImage = "boot.img", CatalogPath = "boot.cat" } }
            .AddFile("boot.img", IsoFileSource.FromBytes(new byte[4096]));
        var output = new MemoryStream();
        builder.Write(output);
        var image = output.ToArray();
        using (var good = IsoReader.Open(new MemoryStream(image)))
        {
            var catalogLba = good.BootCatalog!.Lba;
            image[catalogLba * 2048 + 30] = 0x56;
        }

        using var iso = IsoReader.Open(new MemoryStream(image));
        Assert.Single(iso.EnumerateFiles(), f => f.Name == "boot.img"); // the tree still reads
        var error = Assert.Throws<InvalidDataException>(() => iso.BootCatalog);
        Assert.Contains("Expected the boot catalog key bytes 55 AA", error.Message);
    }

    [Fact]
    public void Unseekable_stream_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => IsoReader.Open(new NonSeekableStream()));
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
