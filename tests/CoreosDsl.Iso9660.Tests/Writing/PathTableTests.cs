using System.Text;
using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Iso9660.Tests.Writing;

/// <summary>
/// No installed tool reads path tables (Linux, xorriso, 7z and isovfy walk directories), so the same consistency
/// check runs on xorriso's stock image, proving the check, and on ours: every record names a directory at the LBA
/// the tree gives it, in breadth-first order, and the L and M tables agree.
/// </summary>
[Trait("Category", "Oracle")]
public sealed class PathTableTests
{
    [Fact]
    public void Path_tables_of_xorrisos_image_and_of_ours_match_their_trees()
    {
        using var scratch = new Scratch("iso-pathtable");
        var ours = scratch.PathOf("ours.iso");
        var builder = Images.FromStockTree();
        builder.AddFile("a/b/c/d/e/f/g/h/i/j/deep.txt", IsoFileSource.FromText("deep"));
        builder.AddDirectory("a/other");
        builder.WriteToFile(ours);
        foreach (var iso in new[] { StockImage.Instance.IsoPath, ours })
        {
            var bytes = File.ReadAllBytes(iso);
            using var image = IsoReader.Open(new MemoryStream(bytes));
            Check(bytes, image.PrimaryDescriptor, IsoNamespace.Iso9660);
            Check(bytes, image.JolietDescriptor!, IsoNamespace.Joliet);
        }
    }

    private static void Check(byte[] bytes, PrimaryVolumeDescriptor descriptor, IsoNamespace ns)
    {
        var size = (int)descriptor.PathTableSize;
        var little = PathTableRecord.ParseTable(bytes.AsSpan((int)descriptor.TypeLPathTableLba * 2048, size), false, 0);
        var big = PathTableRecord.ParseTable(bytes.AsSpan((int)descriptor.TypeMPathTableLba * 2048, size), true, 0);
        Assert.Equal(little.Select(r => (r.ExtentLba, r.ParentNumber, Convert.ToHexString(r.Identifier))), big.Select(r => (r.ExtentLba, r.ParentNumber, Convert.ToHexString(r.Identifier))));

        using var image = IsoReader.Open(new MemoryStream(bytes), options: new IsoReaderOptions { Namespace = ns });
        var directories = new List<IsoDirectory> { image.RootDirectory };
        for (var i = 0; i < directories.Count; i++)
        {
            directories.AddRange(directories[i].Entries.OfType<IsoDirectory>()); // breadth first, in record order
        }

        Assert.Equal(directories.Count, little.Count);
        for (var i = 0; i < little.Count; i++)
        {
            var record = little[i];
            var directory = directories[i];
            Assert.Equal(directory.Lba, record.ExtentLba);
            var identifier = i == 0 ? "\0" : ns == IsoNamespace.Joliet ? TextField.DecodeUcs2(record.Identifier) : Encoding.ASCII.GetString(record.Identifier);
            Assert.Equal(i == 0 ? "\0" : directory.Identifier, identifier);
            Assert.Equal(i == 0 ? 1 : directories.IndexOf(directory.Parent!) + 1, record.ParentNumber);
        }
    }
}
