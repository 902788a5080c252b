namespace CoreosDsl.Systemd;

public static partial class DirectiveValue
{
    /// <summary>
    /// The text of an enum directive, written as the unit file reads it (<c>journal+console</c>,
    /// <c>file:/var/log/app.log</c>), checked against the values and forms of <paramref name="syntax"/>
    /// (<c>enum:NAME:VALUES|FORMS</c>, the builder's <c>[SystemdSyntax]</c>).
    /// </summary>
    /// <exception cref="UnitDefinitionException">systemd would not read the value.</exception>
    public static string EnumText(string value, string syntax) => Checked(value, EnumTextProblem(value, syntax));

    /// <summary>Why <paramref name="value"/> is not a value of the enum syntax <paramref name="syntax"/>, or null.</summary>
    public static string? EnumTextProblem(string value, string syntax) =>
        TextProblem(value) ?? EnumValueText.Problem(syntax, value);
}
