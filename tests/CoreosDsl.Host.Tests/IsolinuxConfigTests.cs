using CoreosDsl.Images;

namespace CoreosDsl.Host.Tests;

/// <summary>Rewriting a stock isolinux.cfg: the default label boots the worker, everything else stays.</summary>
public class IsolinuxConfigTests
{
    private static readonly BootSettings Boot = new BootSettings { ConfigUrl = new Uri("http://h/w.yml") };

    [Fact]
    public void TheStandInsConfigKeepsItsSerialAndTimeoutLines()
    {
        const string stock = "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n  APPEND initrd=/coreos/cpio.gz coreos.autologin console=ttyS0\n";
        Assert.Equal(
            "SERIAL 0 115200\nDEFAULT coreos\nPROMPT 0\nTIMEOUT 0\nLABEL coreos\n  KERNEL /coreos/vmlinuz\n  APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://h/w.yml\n",
            IsolinuxConfig.Rewrite(stock, Boot));
    }

    [Fact]
    public void TheLabelThatDefaultNamesIsTheOneRewritten()
    {
        const string stock = "default second\r\nlabel first\r\n  kernel /a\r\n  append x\r\nlabel second\r\n  menu label Second\r\n  linux /b\r\n  initrd /b.gz\r\n  append y\r\n";
        Assert.Equal(
            "default second\r\nlabel first\r\n  kernel /a\r\n  append x\r\nlabel second\r\n  menu label Second\r\n  KERNEL /coreos/vmlinuz\r\n  APPEND initrd=/coreos/cpio.gz coreos.autologin cloud-config-url=http://h/w.yml\r\n",
            IsolinuxConfig.Rewrite(stock, Boot));
    }

    [Fact]
    public void AMissingAppendIsAddedAndASerialPortDeclared()
    {
        Assert.Equal(
            "SERIAL 1 115200\nLABEL only\n\tKERNEL /coreos/vmlinuz\n\tAPPEND initrd=/coreos/cpio.gz coreos.autologin console=ttyS1,115200 coreos.configdrive=1",
            IsolinuxConfig.Rewrite("LABEL only\n\tkernel /vmlinuz", new BootSettings { ConfigDrive = true, SerialPort = 1 }));
    }

    [Fact]
    public void AConfigWithoutLabelsIsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => IsolinuxConfig.Rewrite("UI menu.c32\n", Boot, "isolinux/isolinux.cfg"));
        Assert.StartsWith("isolinux/isolinux.cfg has no LABEL line", e.Message, StringComparison.Ordinal);
    }
}
