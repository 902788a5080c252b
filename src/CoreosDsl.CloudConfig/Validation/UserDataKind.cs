namespace CoreosDsl.CloudConfig.Validation;

/// <summary>What the user-data is, detected as coreos-cloudinit's validator detects it.</summary>
public enum UserDataKind
{
    /// <summary>No bytes: nothing to do.</summary>
    Empty,

    /// <summary>The first line starts with <c>#!</c>: run as a script, not validated.</summary>
    Script,

    /// <summary>Ignition JSON: ignored by coreos-cloudinit, not validated.</summary>
    Ignition,

    /// <summary>The first line is <c>#cloud-config</c>: validated.</summary>
    CloudConfig,

    /// <summary>Flatcar only: a multipart/mixed MIME document; its parts are not validated.</summary>
    MultipartMime,

    /// <summary>None of the above: one header error.</summary>
    Unknown,
}
