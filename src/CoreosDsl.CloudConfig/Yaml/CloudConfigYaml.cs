namespace CoreosDsl.CloudConfig;

/// <summary>
/// Writes the <see cref="ConfigNode"/> model as cloud-config YAML and reads such YAML back, typed as coreos-cloudinit
/// types it.
/// </summary>
/// <remarks>
/// <para>Writing: the first line is <c>#cloud-config</c>; block style, 2-space indentation, sequences of mappings
/// as <c>- name: ...</c> under their key. Strings are plain only when every reader (YAML 1.1 go-yaml v1 on CoreOS,
/// YAML 1.2 yaml.v3 on Flatcar, the YAML 1.1 spec) reads them back as the same string; multi-line text is a literal
/// block when one can hold it byte for byte, otherwise double-quoted. Same tree, same bytes.</para>
/// <para>Reading: lines and columns are 1-based; quoted and block scalars are strings; plain scalars are typed by
/// the dialect's library (so <c>yes</c> is a Bool for CoreOS and a String for Flatcar).</para>
/// </remarks>
public static class CloudConfigYaml
{
    /// <summary>The cloud-config text of <paramref name="document"/>, starting with the <c>#cloud-config</c> line.</summary>
    /// <exception cref="ArgumentException">A scalar cannot be written (a lone surrogate, a Bool or number whose text is not one).</exception>
    public static string Write(ConfigMapping document) => CloudConfigYamlWriter.Write(document);

    /// <summary>Reads the first YAML document of <paramref name="yaml"/> into the model, with lines and columns.</summary>
    /// <param name="yaml">The text; the <c>#cloud-config</c> line is a YAML comment and may be present or not.</param>
    /// <param name="dialect">Whose YAML library decides the kinds of plain scalars.</param>
    /// <exception cref="YamlSyntaxException">Not well-formed YAML, or not a mapping at the top.</exception>
    public static ConfigMapping Read(string yaml, CloudConfigDialect dialect = CloudConfigDialect.CoreOS) =>
        CloudConfigYamlReader.Read(yaml, dialect);
}
