using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Fat.Tests;

/// <summary>8.3 aliases: the same names given to mtools and to our writer get the same aliases, in the same order.</summary>
public sealed class ShortNameTests : IDisposable
{
    private readonly string _dir = TestPaths.NewScratchDirectory("shortnames");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>ASCII names covering the basis-name and numeric-tail rules (mtools maps non-ASCII through its code page, see below).</summary>
    public static readonly string[] Names =
    [
        "vmlinuz", "cpio.gz", "README.TXT", "readme2.TXT", "README3.txt", "Readme4.txt", "cloud-config.yml", "cloud-config.yaml",
        "cloud-config.yaml2", "a b.txt", "x.tar.gz", "verylongname.txt", "verylongname2.txt", "verylongname3.txt", "verylongname4.txt",
        "verylongname5.txt", "verylongname6.txt", "verylongname7.txt", "verylongname8.txt", "verylongname9.txt", "verylongname10.txt",
        "verylongname11.txt", "abc+def.txt", "ab[1].x", "file.longext", "UPPER.LONGEXT", "lower.longext", "MiXeD", "a..b", "sp ace",
        "1234567890", "TEST~1.TXT", "test.txt.bak", "ldlinux.sys", "ldlinux.c32", "user_data", "EFI", ".hidden", ".bashrc.d", "+++",
        "a.b.c.d", "ABCDEFGH.IJK", "abcdefghi", "ABCDEFG.TX", "aB.txt", "x~1", "name with  spaces and.ext", " lead", "a,b;c=d",
        "syslinux.cfg", "BOOTX64.EFI", "grubx64.efi", "isolinux.bin", "Makefile", "config-2", "1.2", "_", "~", "$dollar$",
        "tEST.tXT", "coreos_production_iso_image.iso", "coreos_production_pxe.vmlinuz", "coreos_production_pxe_image.cpio.gz",
    ];

    [Fact]
    [Trait("Category", "Oracle")]
    public void AliasesMatchWhatMtoolsCreatesForTheSameNames()
    {
        // mtools: mkfs.fat, then one mcopy per name, in order.
        var reference = Path.Combine(_dir, "mtools.img");
        ExternalTool.Run("mkfs.fat", ["-C", "-F", "16", reference, "16384"]).EnsureSuccess();
        var source = Path.Combine(_dir, "content");
        File.WriteAllText(source, "x");
        foreach (var name in Names)
        {
            Oracles.Mtools("mcopy", reference, 0, source, "::/" + name).EnsureSuccess();
        }

        // Ours: the same names, in the same order.
        var ours = Path.Combine(_dir, "ours.img");
        var builder = new FatBuilder(new FatFormatOptions { Size = 16L << 20 });
        foreach (var name in Names)
        {
            builder.AddFile(name, "x"u8.ToArray());
        }

        builder.Plan().WriteTo(ours);

        var expected = Oracles.Mdir(reference, 0).Select(l => (l.ShortName, l.LongName)).ToList();
        var actual = Oracles.Mdir(ours, 0).Select(l => (l.ShortName, l.LongName)).ToList();
        Assert.Equal(Names.Length, expected.Count); // mtools kept every name (none clashed)
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("vmlinuz", "VMLINUZ    ", 0x08, false)]
    [InlineData("cpio.gz", "CPIO    GZ ", 0x18, false)]
    [InlineData("README.txt", "README  TXT", 0x10, false)]
    [InlineData("EFI", "EFI        ", 0x00, false)]
    [InlineData("MiXeD", "MIXED      ", 0x00, true)]
    [InlineData("cloud-config.yml", "CLOUD-~1YML", 0x00, true)]
    [InlineData("x.tar.gz", "XTAR~1  GZ ", 0x00, true)]
    [InlineData("日本.txt", "__~1    TXT", 0x00, true)] // spec: lossy conversion always gets a tail (mtools writes "__.TXT")
    [InlineData(".hidden", "HIDDEN~1   ", 0x00, true)]
    public void AliasFollowsTheBasisNameRules(string name, string raw, byte caseFlags, bool needsLongName)
    {
        var alias = new ShortNameTable().Assign(name);
        Assert.Equal(new ShortName(raw, caseFlags, needsLongName), alias);
    }

    [Fact]
    public void NumericTailsCountUpAndShortenTheBase()
    {
        var table = new ShortNameTable();
        var aliases = Enumerable.Range(1, 12).Select(i => table.Assign($"verylongname{i}.txt").RawName).ToList();
        Assert.Equal("VERYLO~1TXT", aliases[0]);
        Assert.Equal("VERYLO~9TXT", aliases[8]);
        Assert.Equal("VERYL~10TXT", aliases[9]);
        Assert.Equal("VERYL~12TXT", aliases[11]);
    }

    [Fact]
    public void AnEightThreeNameTakenByAnAliasGetsATail()
    {
        var table = new ShortNameTable();
        Assert.Equal("VERYLO~1TXT", table.Assign("verylongname.txt").RawName);
        var clash = table.Assign("VERYLO~1.TXT");
        Assert.Equal("VERYLO~2TXT", clash.RawName);
        Assert.True(clash.NeedsLongName);
    }

    [Theory]
    [InlineData("trailing.")]
    [InlineData("trailing ")]
    [InlineData("a:b")]
    [InlineData("a*b")]
    [InlineData("tab\there")]
    [InlineData("..")]
    public void InvalidNamesAreRejectedNamingThePath(string name)
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        var error = Assert.Throws<ArgumentException>(() => builder.AddFile("dir/" + name, new byte[1]));
        Assert.Contains("dir/" + name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesDifferingOnlyInCaseAreRejected()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        builder.AddFile("Boot/README", new byte[1]);
        var error = Assert.Throws<ArgumentException>(() => builder.AddFile("boot/readme", new byte[1]));
        Assert.Contains("differs only in case", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NameOf256CodeUnitsIsRejectedAnd255Accepted()
    {
        var builder = new FatBuilder(new FatFormatOptions { Size = 8L << 20 });
        builder.AddFile(new string('a', 255), new byte[1]);
        Assert.Throws<ArgumentException>(() => builder.AddFile(new string('b', 256), new byte[1]));
    }
}
