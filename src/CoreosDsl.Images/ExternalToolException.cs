namespace CoreosDsl.Images;

/// <summary>
/// A program or file of the host that an image needs is missing, or the program failed (the host's
/// <c>syslinux</c>, the mtools it drives, syslinux-common's <c>mbr.bin</c>). The message is the tool's own output
/// or says what to install; it is the user's environment to fix, not a bug.
/// </summary>
public sealed class ExternalToolException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tool">The program or file, such as <c>syslinux</c>.</param>
    /// <param name="message">What went wrong and the fix.</param>
    public ExternalToolException(string tool, string message)
        : base(message)
    {
        Tool = tool;
    }

    /// <summary>The program or file, such as <c>syslinux</c>.</summary>
    public string Tool { get; }
}
