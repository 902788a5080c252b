using System.Globalization;

namespace CoreosDsl.Iso9660;

/// <summary>
/// The times an image records. With an explicit timestamp, or SOURCE_DATE_EPOCH in the environment
/// (reproducible-builds.org), the volume gets that time and every entry time later than it is clamped to it, so
/// that a tree checked out at any moment gives the same bytes. Without either, the volume gets the current time
/// and entries keep theirs. Entries without a time of their own get the volume time. Times are whole seconds.
/// </summary>
internal sealed class ImageTimestamps
{
    /// <summary>The environment variable of the reproducible-builds specification.</summary>
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    private ImageTimestamps(DateTimeOffset volumeTime, bool clamp)
    {
        VolumeTime = volumeTime;
        Clamp = clamp;
    }

    /// <summary>The time of the volume descriptors and of entries without a time.</summary>
    public DateTimeOffset VolumeTime { get; }

    /// <summary>True when entry times are clamped to <see cref="VolumeTime"/>.</summary>
    public bool Clamp { get; }

    /// <summary>Resolves the times for a build: explicit timestamp, else SOURCE_DATE_EPOCH, else now.</summary>
    public static ImageTimestamps Resolve(DateTimeOffset? explicitTimestamp)
    {
        if (explicitTimestamp is { } fixedTime)
        {
            return new ImageTimestamps(WholeSeconds(fixedTime), clamp: true);
        }

        var epoch = Environment.GetEnvironmentVariable(SourceDateEpochVariable);
        if (!string.IsNullOrEmpty(epoch))
        {
            if (!long.TryParse(epoch, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            {
                throw new InvalidOperationException(
                    $"{SourceDateEpochVariable} is '{epoch}'; it must be a number of seconds since 1970-01-01 UTC (reproducible-builds.org).");
            }

            return new ImageTimestamps(DateTimeOffset.FromUnixTimeSeconds(seconds), clamp: true);
        }

        return new ImageTimestamps(WholeSeconds(DateTimeOffset.UtcNow), clamp: false);
    }

    /// <summary>The time to record for an entry whose own time is <paramref name="entryTime"/>.</summary>
    public DateTimeOffset For(DateTimeOffset? entryTime)
    {
        if (entryTime is not { } time)
        {
            return VolumeTime;
        }

        time = WholeSeconds(time);
        return Clamp && time > VolumeTime ? VolumeTime : time;
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
