namespace CoreosDsl.Testing.Tests;

/// <summary>Tests that change process environment variables run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// The documented flow with the real process environment: <c>COREOSDSL_ACCEPT_SNAPSHOTS=1 dotnet test</c> accepts,
/// and <c>CI</c> turns that off. Each test restores both variables.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentVariableTests : IDisposable
{
    private readonly string? savedAccept = Environment.GetEnvironmentVariable(Snapshot.AcceptVariable);
    private readonly string? savedCi = Environment.GetEnvironmentVariable(Snapshot.CiVariable);
    private readonly Scratch scratch = new();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, savedAccept);
        Environment.SetEnvironmentVariable(Snapshot.CiVariable, savedCi);
        scratch.Dispose();
    }

    /// <summary>Default settings (real environment), snapshots in the scratch folder.</summary>
    private SnapshotSettings Settings() => new() { Directory = scratch.Folder };

    [Fact]
    public void Accept_variable_in_the_process_environment_accepts_a_mismatch()
    {
        const string name = "EnvironmentVariableTests.Accept_variable_in_the_process_environment_accepts_a_mismatch";
        scratch.Write($"{name}.verified.yml", "group: stable\n");
        Environment.SetEnvironmentVariable(Snapshot.CiVariable, null);
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");

        Snapshot.Verify("group: alpha\n", "yml", Settings());

        Assert.Equal("group: alpha\n", scratch.Read($"{name}.verified.yml"));
        Assert.Equal([$"{name}.verified.yml"], scratch.Tree());
    }

    [Fact]
    public void Ci_in_the_process_environment_wins_over_the_accept_variable()
    {
        const string name = "EnvironmentVariableTests.Ci_in_the_process_environment_wins_over_the_accept_variable";
        scratch.Write($"{name}.verified.yml", "group: stable\n");
        Environment.SetEnvironmentVariable(Snapshot.CiVariable, "true");
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("group: alpha\n", "yml", Settings()));

        Assert.Contains("ignored because CI is set", e.Message);
        Assert.Equal("group: stable\n", scratch.Read($"{name}.verified.yml"));
        Assert.Equal("group: alpha\n", scratch.Read($"{name}.received.yml"));
    }

    [Fact]
    public void Without_the_accept_variable_a_mismatch_fails()
    {
        Environment.SetEnvironmentVariable(Snapshot.CiVariable, null);
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, null);

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("group: alpha\n", "yml", Settings()));

        Assert.True(e.SnapshotMissing);
        Assert.DoesNotContain(scratch.Tree(), entry => entry.Contains(".verified", StringComparison.Ordinal));
    }
}
