namespace CoreosDsl.Systemd;

/// <summary>
/// Marks a generated builder method whose directive is an old name that systemd still reads as another directive
/// (<c>BindTo=</c> is <c>BindsTo=</c>): the method with the new name takes the same arguments, so the CoreosDsl code
/// fix can rename the call with certainty.
/// </summary>
/// <param name="directive">The current directive name, which is also the builder method to call instead.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class SystemdRenamedAttribute(string directive) : Attribute
{
    /// <summary>The current directive name.</summary>
    public string Directive { get; } = directive;
}
