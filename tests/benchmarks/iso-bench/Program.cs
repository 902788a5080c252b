// Writes TREE as OUT.iso the way the benchmark's xorriso command does:
//   xorriso -as mkisofs -o OUT -V COREOS -J -R -isohybrid-mbr isohdpfx.bin -c isolinux/boot.cat
//     -b isolinux/isolinux.bin -no-emul-boot -boot-load-size 4 -boot-info-table TREE
// Usage: IsoBench TREE OUT [stream]   ("stream" writes to the open file instead of WriteToFile's temp + rename)
using CoreosDsl.Iso9660;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: IsoBench TREE OUT [stream]");
    return 2;
}

var builder = new IsoBuilder
{
    VolumeIdentifier = "COREOS",
    Timestamp = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
    Boot = new ElToritoBoot
    {
        BiosBootImage = "isolinux/isolinux.bin",
        CatalogPath = "isolinux/boot.cat",
        BiosLoadSectors = 4,
        BootInfoTable = true,
        Isohybrid = IsohybridMbr.FromFile("/usr/lib/ISOLINUX/isohdpfx.bin"),
    },
};
builder.AddDirectoryTree(args[0]);
if (args.Length > 2 && args[2] == "stream")
{
    using var output = new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
    builder.Write(output);
}
else
{
    builder.WriteToFile(args[1]);
}

return 0;
