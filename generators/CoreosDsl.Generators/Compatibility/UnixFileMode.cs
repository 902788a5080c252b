namespace System.IO;

/// <summary>
/// The permission bits of .NET 7's <c>System.IO.UnixFileMode</c>, with the same values, for the linked
/// <c>DirectiveValue</c> (netstandard2.0 does not have the type). Only its numeric value is used. Public because
/// <c>DirectiveValue.Mode</c> is; nothing compiles against the analyzer assembly but its own tests.
/// </summary>
[Flags]
public enum UnixFileMode
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>OtherExecute.</summary>
    OtherExecute = 1,
    /// <summary>OtherWrite.</summary>
    OtherWrite = 2,
    /// <summary>OtherRead.</summary>
    OtherRead = 4,
    /// <summary>GroupExecute.</summary>
    GroupExecute = 8,
    /// <summary>GroupWrite.</summary>
    GroupWrite = 16,
    /// <summary>GroupRead.</summary>
    GroupRead = 32,
    /// <summary>UserExecute.</summary>
    UserExecute = 64,
    /// <summary>UserWrite.</summary>
    UserWrite = 128,
    /// <summary>UserRead.</summary>
    UserRead = 256,
    /// <summary>StickyBit.</summary>
    StickyBit = 512,
    /// <summary>SetGroup.</summary>
    SetGroup = 1024,
    /// <summary>SetUser.</summary>
    SetUser = 2048,
}
