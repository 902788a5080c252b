namespace CoreosDsl.Fat;

/// <summary>
/// The requested volume cannot be made: the size is outside what the FAT type allows, or the content does not
/// fit. The message says what would fit; <see cref="SuggestedSize"/> carries the smallest size that does.
/// </summary>
public sealed class FatCapacityException : InvalidOperationException
{
    internal FatCapacityException(string message, long? suggestedSize)
        : base(message)
    {
        SuggestedSize = suggestedSize;
    }

    /// <summary>The smallest volume size in bytes (whole MiB) that holds the content, when one exists.</summary>
    public long? SuggestedSize { get; }
}
