namespace CoreosDsl.CloudConfig;

/// <summary>
/// Which coreos-cloudinit reads the document. The two differ in their YAML library and therefore in how plain
/// scalars are typed and which key spellings are recognized.
/// </summary>
public enum CloudConfigDialect
{
    /// <summary>
    /// CoreOS Container Linux: coreos-cloudinit with the coreos/yaml fork of go-yaml v1 (YAML 1.1 scalars:
    /// <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c>/<c>y</c>/<c>n</c> are booleans, <c>0644</c> is an octal int) and
    /// dash-form keys (<c>reboot-strategy</c>) read as their underscore form.
    /// </summary>
    CoreOS,

    /// <summary>
    /// Flatcar Container Linux: coreos-cloudinit with gopkg.in/yaml.v3 (only <c>true</c>/<c>false</c> are booleans,
    /// <c>0o644</c> and timestamps are typed) and only the exact underscore key names recognized.
    /// </summary>
    Flatcar,
}
