namespace CoreosDsl.CloudConfig.Validation;

/// <summary>
/// Stable ids of the validation rules. All but <see cref="DashFormKey"/> and <see cref="FlatcarTypedDecode"/> are
/// coreos-cloudinit's own rules (config/validate), named as there.
/// </summary>
public static class ValidationRuleIds
{
    /// <summary>The first line is not <c>#cloud-config</c>, a script or Ignition.</summary>
    public const string Header = "header";

    /// <summary>The YAML does not parse.</summary>
    public const string YamlSyntax = "yaml_syntax";

    /// <summary><c>coreos.etcd.discovery</c> is not a URL.</summary>
    public const string DiscoveryUrl = "checkDiscoveryUrl";

    /// <summary>A <c>write_files</c> content does not decode with its <c>encoding</c>.</summary>
    public const string Encoding = "checkEncoding";

    /// <summary>An unknown key.</summary>
    public const string UnrecognizedKey = "checkStructure.unrecognized";

    /// <summary>A deprecated key.</summary>
    public const string DeprecatedKey = "checkStructure.deprecated";

    /// <summary>A value of the wrong YAML type.</summary>
    public const string IncorrectType = "checkStructure.type";

    /// <summary>A value that does not match the key's pattern.</summary>
    public const string InvalidValue = "checkValidity";

    /// <summary>A file written under <c>/usr</c>.</summary>
    public const string WriteFilesReadOnly = "checkWriteFiles";

    /// <summary><c>write_files</c> placed under <c>coreos</c>.</summary>
    public const string WriteFilesUnderCoreos = "checkWriteFilesUnderCoreos";

    /// <summary>
    /// CoreosDsl's own rule (Flatcar dialect): a dash-form key (<c>reboot-strategy</c>) that Flatcar ignores since
    /// release 3975.2.0.
    /// </summary>
    public const string DashFormKey = "coreosdsl.dash_form";

    /// <summary>
    /// Flatcar dialect: yaml.v3's typed decoding fails (e.g. <c>enable: 4</c>); Flatcar's coreos-cloudinit then rejects
    /// the whole user-data (its validator returns this as an error instead of a report entry).
    /// </summary>
    public const string FlatcarTypedDecode = "flatcar.typed_decode";

    /// <summary>
    /// The bytes are not what the YAML reader accepts (invalid or overlong UTF-8, a surrogate, a control character such
    /// as NUL or DEL, UTF-16): coreos-cloudinit refuses the whole user-data.
    /// </summary>
    public const string YamlCharacters = "yaml_characters";

    /// <summary>The user-data starts with the gzip magic but cannot be unpacked (or unpacks to an absurd size): an error; or its stream is cut short: a warning, and the prefix is checked.</summary>
    public const string Gzip = "gzip";
}
