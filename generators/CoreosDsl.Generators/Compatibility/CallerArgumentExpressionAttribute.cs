namespace System.Runtime.CompilerServices;

/// <summary>Lets the <c>ThrowIfNull</c> polyfills name the argument, as .NET's do.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
internal sealed class CallerArgumentExpressionAttribute(string parameterName) : Attribute
{
    public string ParameterName { get; } = parameterName;
}
