namespace CoreosDsl.Iso9660;

/// <summary>The type byte of a volume descriptor (ECMA-119 8.1.1).</summary>
internal enum VolumeDescriptorType : byte
{
    /// <summary>Boot record: El Torito points at its boot catalog from here.</summary>
    BootRecord = 0,

    /// <summary>The primary volume descriptor: the ISO 9660 tree.</summary>
    Primary = 1,

    /// <summary>A supplementary volume descriptor: the Joliet tree.</summary>
    Supplementary = 2,

    /// <summary>A volume partition descriptor (read and ignored).</summary>
    Partition = 3,

    /// <summary>Ends the volume descriptor set.</summary>
    SetTerminator = 255,
}
