namespace CoreosDsl.Iso9660;

/// <summary>
/// OpenStack config drives: an image labelled <c>config-2</c> holding <c>openstack/latest/user_data</c>, which
/// coreos-cloudinit (and cloud-init) read at boot when no metadata service answers.
/// </summary>
public static class ConfigDrive
{
    /// <summary>The volume label datasources look for.</summary>
    public const string VolumeIdentifier = "config-2";

    /// <summary>Where the user data (the cloud-config) lives on the drive.</summary>
    public const string UserDataPath = "openstack/latest/user_data";

    /// <summary>A builder for a config drive carrying <paramref name="userData"/>; write it with <see cref="IsoBuilder.WriteToFile"/>.</summary>
    public static IsoBuilder Create(string userData)
    {
        ArgumentNullException.ThrowIfNull(userData);
        return new IsoBuilder { VolumeIdentifier = VolumeIdentifier }.AddFile(UserDataPath, IsoFileSource.FromText(userData));
    }
}
