namespace CoreosDsl.Iso9660;

/// <summary>The platform a boot entry is for (El Torito 2.1 platform ID, extended by UEFI with 0xEF).</summary>
public enum ElToritoPlatform : byte
{
    /// <summary>PC BIOS (x86).</summary>
    X86 = 0,

    /// <summary>PowerPC.</summary>
    PowerPC = 1,

    /// <summary>Mac.</summary>
    Mac = 2,

    /// <summary>UEFI: the entry points at a FAT image holding \EFI\BOOT\BOOTX64.EFI.</summary>
    Efi = 0xEF,
}
