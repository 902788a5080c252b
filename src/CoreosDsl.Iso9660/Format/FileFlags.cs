namespace CoreosDsl.Iso9660;

/// <summary>The file flags byte of a directory record (ECMA-119 9.1.6).</summary>
[Flags]
internal enum FileFlags : byte
{
    /// <summary>No flag set: a regular file.</summary>
    None = 0,

    /// <summary>The entry need not be shown to the user.</summary>
    Hidden = 1,

    /// <summary>The record describes a directory.</summary>
    Directory = 2,

    /// <summary>An associated file (resource fork).</summary>
    Associated = 4,

    /// <summary>The file has a record format in its extended attribute record.</summary>
    Record = 8,

    /// <summary>Owner and permissions are in the extended attribute record.</summary>
    Protection = 16,

    /// <summary>This is not the last record of a file: the file continues in the next record's extent.</summary>
    MultiExtent = 128,
}
