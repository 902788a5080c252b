namespace CoreosDsl.Iso9660;

/// <summary>Which of an image's directory trees, and which names, the reader presents.</summary>
public enum IsoNamespace
{
    /// <summary>The primary tree with its ISO 9660 identifiers ("CLOUD_CO.YML;1" is shown as "CLOUD_CO.YML").</summary>
    Iso9660,

    /// <summary>The Joliet tree (supplementary volume descriptor): UCS-2 names of up to 64 characters.</summary>
    Joliet,

    /// <summary>The primary tree with Rock Ridge names, permissions, times and symbolic links.</summary>
    RockRidge,
}
