namespace CoreosDsl.Generators.Infrastructure;

/// <summary>Names of the tracked pipeline steps; tests assert that a user edit leaves them all cached.</summary>
internal static class TrackingNames
{
    public const string Options = nameof(Options);
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string SystemdModel = nameof(SystemdModel);
    public const string SystemdSections = nameof(SystemdSections);
    public const string CloudConfigModel = nameof(CloudConfigModel);
    public const string ReferencesCloudConfig = nameof(ReferencesCloudConfig);
    public const string IgnitionModel = nameof(IgnitionModel);
    public const string NetworkdModel = nameof(NetworkdModel);
}
