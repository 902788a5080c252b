namespace CoreosDsl.Systemd;

/// <summary>
/// Marks a <see cref="string"/> parameter of a generated builder with the systemd value syntax it accepts, so that
/// the CoreosDsl analyzers check constant arguments at compile time with the same parser the builder runs.
/// </summary>
/// <remarks>
/// <para>Syntaxes (the <see cref="DirectiveValue"/> method that checks each at run time in brackets):
/// <c>text</c> [<c>Text</c>], <c>path</c> [<c>Path</c>], <c>optional-path</c> [<c>OptionalPath</c>],
/// <c>path-list</c> [<c>PathList</c>], <c>words</c> [<c>Words</c>], <c>timespan</c> [<c>TimeSpanText</c>],
/// <c>timespan-ns</c> [<c>NanosecondTimeSpanText</c>], <c>bytes</c> [<c>BytesText</c>],
/// <c>percent-or-bytes</c> [<c>PercentOrBytesText</c>], <c>calendar</c> [<c>CalendarText</c>], <c>unit</c>
/// [<c>Unit</c>], <c>slice</c> [<c>Unit(value, UnitType.Slice)</c>], <c>exec</c> [<c>ExecText</c>], <c>mode</c>
/// [<c>ModeText</c>], <c>signal</c> [<c>Signal</c>], <c>user</c> [<c>User</c>], <c>env-name</c> and <c>env-value</c>
/// [<see cref="EnvironmentAssignment"/>], <c>environment</c> [<c>EnvironmentText</c>].</para>
/// <para>Names of units themselves: <c>unit-name</c> (any valid unit name, <see cref="UnitName.Parse"/>) and
/// <c>unit-name:TYPE</c> (a valid name ending in <c>.TYPE</c>, as the unit builders require).</para>
/// <para>On a builder method rather than a parameter, the attribute gives the syntax of the directive's whole value
/// in unit-file text, for a directive whose string parameters each take only a part of it (<c>Environment=</c>:
/// the method takes a name and a value, the file holds <c>NAME=VALUE</c> words). Raw unit text and drop-ins are
/// checked with it.</para>
/// </remarks>
/// <param name="syntax">One of the syntaxes listed in the remarks.</param>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Method, Inherited = false)]
public sealed class SystemdSyntaxAttribute(string syntax) : Attribute
{
    /// <summary>The syntax name.</summary>
    public string Syntax { get; } = syntax;

    /// <summary>
    /// True for conditions and assertions: the value may start with the <c>|</c> and <c>!</c> prefixes, which are
    /// not part of the checked value.
    /// </summary>
    public bool Condition { get; set; }

    /// <summary>
    /// The prefixes the directive documents, in the order systemd reads them (<c>-</c> ignore if missing, <c>+</c>
    /// relative to the root directory, ...); they are not part of the checked value. A <c>~</c> means the value
    /// may also be <c>~</c> alone (the home directory). See <see cref="DirectiveValue.SplitPrefixes"/>.
    /// </summary>
    public string Prefixes { get; set; } = "";
}
