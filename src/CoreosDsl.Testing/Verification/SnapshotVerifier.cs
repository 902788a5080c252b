namespace CoreosDsl.Testing;

/// <summary>
/// One verification, whatever the snapshot's kind: scrub the output, compare it with the verified side, then pass
/// (deleting stale received files), accept (when the environment asks and CI is not set) or fail (writing the
/// received side and throwing <see cref="SnapshotMismatchException"/>).
/// </summary>
internal static class SnapshotVerifier
{
    /// <param name="location">Where the snapshot lives.</param>
    /// <param name="store">The snapshot's verified and received sides.</param>
    /// <param name="output">The output: normalized text keyed by relative path, in ordinal order.</param>
    /// <param name="settings">Scrubbers and the environment to read.</param>
    public static void Verify(SnapshotLocation location, ISnapshotStore store,
        SortedDictionary<string, string> output, SnapshotSettings settings)
    {
        var received = Scrub(output, settings);
        var fingerprint = VerifiedRegistry.Fingerprint(received);
        VerifiedRegistry.EnsureNotVerifiedWithOtherOutput(location, fingerprint);

        var verified = store.ReadVerified();
        var comparison = SnapshotComparison.Compare(verified, received);
        if (comparison.IsMatch)
        {
            store.DeleteReceived();
            VerifiedRegistry.RecordPassed(location, fingerprint);
            return;
        }

        var policy = AcceptPolicy.Read(settings.ReadEnvironment);
        if (policy.Accept)
        {
            store.WriteVerified(received);
            store.DeleteReceived();
            VerifiedRegistry.RecordPassed(location, fingerprint);
            return;
        }

        store.DeleteReceived();
        store.WriteReceived(received);
        var message = FailureMessage.Build(location.BaseName, store, verified, received, comparison, policy);
        throw store.IsFileSet
            ? new SnapshotMismatchException(message, location.BaseName, store.VerifiedPath, store.ReceivedPath,
                verified is null, comparison.Changed, comparison.Added, comparison.Removed)
            : new SnapshotMismatchException(message, location.BaseName, store.VerifiedPath, store.ReceivedPath,
                verified is null, [], [], []);
    }

    /// <summary>
    /// Runs the key material, global and per-call scrubbers over every file, in ordinal path order with one
    /// numbering context, so placeholders are numbered by first occurrence across the whole output.
    /// </summary>
    private static SortedDictionary<string, string> Scrub(SortedDictionary<string, string> output, SnapshotSettings settings)
    {
        var scrubbers = (settings.ScrubKeyMaterial ? Scrubber.KeyMaterial : [])
            .Concat(SnapshotDefaults.Scrubbers)
            .Concat(settings.Scrubbers)
            .ToList();
        var context = new ScrubContext();
        var scrubbed = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, text) in output)
        {
            var result = text;
            foreach (var scrubber in scrubbers)
            {
                result = scrubber.Apply(result, context);
            }

            scrubbed.Add(path, SnapshotText.Normalize(result));
        }

        return scrubbed;
    }
}
