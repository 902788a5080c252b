namespace CoreosDsl.Fat;

/// <summary>The attribute byte of a FAT directory entry (offset 11).</summary>
[Flags]
public enum FatAttributes : byte
{
    /// <summary>No attribute.</summary>
    None = 0,

    /// <summary>Writes are refused.</summary>
    ReadOnly = 0x01,

    /// <summary>Hidden from normal directory listings.</summary>
    Hidden = 0x02,

    /// <summary>Belongs to the operating system (syslinux marks <c>ldlinux.sys</c> read-only, hidden and system).</summary>
    System = 0x04,

    /// <summary>The volume label entry in the root directory.</summary>
    VolumeLabel = 0x08,

    /// <summary>The entry is a directory.</summary>
    Directory = 0x10,

    /// <summary>Changed since the last backup; set on every file the writer creates, as mtools and Windows do.</summary>
    Archive = 0x20,

    /// <summary>The combination that marks a long-name (VFAT) entry.</summary>
    LongName = ReadOnly | Hidden | System | VolumeLabel,
}
