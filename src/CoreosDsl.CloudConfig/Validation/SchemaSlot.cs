using CoreosDsl.CloudConfig.Schema;

namespace CoreosDsl.CloudConfig.Validation;

/// <summary>A position in the cloud-config schema: the root, a key, or the items of a list key.</summary>
/// <param name="Type">The Go type's kind at this position.</param>
/// <param name="Path">The schema path (<c>coreos.units[]</c> for the items of <c>coreos.units</c>; "" for the root).</param>
/// <param name="Key">The key when the position is a key (not the root nor a list item).</param>
internal sealed record SchemaSlot(CloudConfigValueType Type, string Path, CloudConfigKey? Key)
{
    /// <summary>The whole document: coreos-cloudinit's <c>CloudConfig</c> struct.</summary>
    public static SchemaSlot Root { get; } = new(CloudConfigValueType.Object, "", null);

    /// <summary>The key <paramref name="name"/> under this struct, or null when the schema has none.</summary>
    public SchemaSlot? Child(string name)
    {
        var key = CloudConfigSchema.Find(Path.Length == 0 ? name : $"{Path}.{name}");
        return key is null ? null : new SchemaSlot(key.Type, key.Path, key);
    }

    /// <summary>The slot of one item of this list.</summary>
    public SchemaSlot Item() => Type switch
    {
        CloudConfigValueType.ObjectList => new SchemaSlot(CloudConfigValueType.Object, Path + "[]", null),
        CloudConfigValueType.StringList => new SchemaSlot(CloudConfigValueType.String, Path + "[]", null),
        _ => throw new InvalidOperationException($"{Path} is not a list"),
    };

    /// <summary>The validator's "(want X)" text: Go's kind name for the field type.</summary>
    public string HumanType => Type switch
    {
        CloudConfigValueType.String => "string",
        CloudConfigValueType.Bool => "bool",
        CloudConfigValueType.Int => "int",
        CloudConfigValueType.Float => "float64",
        CloudConfigValueType.StringList => "[]string",
        CloudConfigValueType.Object => "struct",
        _ => "[]struct",
    };

    /// <summary>The Go type name yaml.v3 prints in "cannot unmarshal ... into T".</summary>
    public string GoTypeName => Type switch
    {
        CloudConfigValueType.String => Path == "manage_etc_hosts" ? "config.EtcHosts" : "string",
        CloudConfigValueType.Bool => "bool",
        CloudConfigValueType.Int => "int",
        CloudConfigValueType.Float => "float64",
        CloudConfigValueType.StringList => "[]string",
        CloudConfigValueType.ObjectList => "[]" + GoStructName(Path + "[]"),
        _ => GoStructName(Path),
    };

    private static string GoStructName(string path) => "config." + path switch
    {
        "" => "CloudConfig",
        "coreos" => "CoreOS",
        "coreos.etcd" => "Etcd",
        "coreos.etcd2" => "Etcd2",
        "coreos.flannel" => "Flannel",
        "coreos.fleet" => "Fleet",
        "coreos.locksmith" => "Locksmith",
        "coreos.oem" => "OEM",
        "coreos.update" => "Update",
        "coreos.units[]" => "Unit",
        "coreos.units[].drop_ins[]" => "UnitDropIn",
        "write_files[]" => "File",
        "users[]" => "User",
        _ => path,
    };
}
