namespace CoreosDsl.Testing;

/// <summary>
/// Whether a mismatch is accepted on the spot (received output written as verified, test passes): only when
/// <c>COREOSDSL_ACCEPT_SNAPSHOTS</c> asks for it and the <c>CI</c> variable is not set. On CI a mismatch always
/// fails, so a build can never rewrite its own expectations.
/// </summary>
internal readonly record struct AcceptPolicy(bool Accept, bool IgnoredOnCi)
{
    /// <summary>Reads the policy through <paramref name="environment"/>.</summary>
    public static AcceptPolicy Read(Func<string, string?> environment)
    {
        var requested = ParseSwitch(environment(Snapshot.AcceptVariable));
        var onCi = !string.IsNullOrEmpty(environment(Snapshot.CiVariable));
        return new AcceptPolicy(requested && !onCi, requested && onCi);
    }

    private static bool ParseSwitch(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "0" or "false" or "no" or "off" => false,
        "1" or "true" or "yes" or "on" => true,
        _ => throw new InvalidOperationException(
            $"{Snapshot.AcceptVariable}='{value}' is not understood: use 1 (accept received snapshots) or 0."),
    };
}
