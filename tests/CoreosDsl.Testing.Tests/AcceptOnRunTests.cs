namespace CoreosDsl.Testing.Tests;

/// <summary>
/// Accepting on the spot with COREOSDSL_ACCEPT_SNAPSHOTS, and never when CI is set. These tests give the
/// verification a fake environment; <see cref="EnvironmentVariableTests"/> proves the same with the real one.
/// </summary>
public sealed class AcceptOnRunTests : IDisposable
{
    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("YES")]
    [InlineData(" on ")]
    public void Accept_variable_writes_a_missing_text_snapshot_and_passes(string value)
    {
        scratch.Environment[Snapshot.AcceptVariable] = value;

        Snapshot.Verify("group: alpha\r\n", "yml", scratch.Settings().UseParameters(value.Trim()));

        var name = $"AcceptOnRunTests.Accept_variable_writes_a_missing_text_snapshot_and_passes_{value.Trim()}.verified.yml";
        Assert.Equal([name], scratch.Tree());
        Assert.Equal("group: alpha\n", scratch.Read(name));
    }

    [Fact]
    public void Accept_variable_replaces_a_changed_file_set_including_removed_files()
    {
        const string name = "AcceptOnRunTests.Accept_variable_replaces_a_changed_file_set_including_removed_files";
        scratch.Write($"{name}.verified/cloud-config.yml", "group: stable\n");
        scratch.Write($"{name}.verified/units/old.service", "[Unit]\n");
        scratch.Write($"{name}.received/units/stale.service", "from an earlier failed run\n");
        scratch.Environment[Snapshot.AcceptVariable] = "1";

        Snapshot.VerifyFiles(new Dictionary<string, string>
        {
            ["cloud-config.yml"] = "group: alpha\n",
            ["units/new.service"] = "[Service]\n",
        }, scratch.Settings());

        Assert.Equal([$"{name}.verified/", $"{name}.verified/cloud-config.yml", $"{name}.verified/units/", $"{name}.verified/units/new.service"],
            scratch.Tree());
        Assert.Equal("group: alpha\n", scratch.Read($"{name}.verified/cloud-config.yml"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("azure-pipelines")]
    public void Ci_variable_turns_accepting_off(string ci)
    {
        var name = $"AcceptOnRunTests.Ci_variable_turns_accepting_off_{ci}";
        scratch.Write($"{name}.verified.yml", "group: stable\n");
        scratch.Environment[Snapshot.AcceptVariable] = "1";
        scratch.Environment[Snapshot.CiVariable] = ci;

        var e = Assert.Throws<SnapshotMismatchException>(() =>
            Snapshot.Verify("group: alpha\n", "yml", scratch.Settings().UseParameters(ci)));

        Assert.Contains("COREOSDSL_ACCEPT_SNAPSHOTS is set but ignored because CI is set: on CI a mismatch always fails.", e.Message);
        Assert.Equal("group: stable\n", scratch.Read($"{name}.verified.yml"));
        Assert.Equal("group: alpha\n", scratch.Read($"{name}.received.yml"));
    }

    [Fact]
    public void Ci_variable_alone_changes_nothing_about_failing()
    {
        scratch.Environment[Snapshot.CiVariable] = "true";

        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("x", settings: scratch.Settings()));

        Assert.DoesNotContain("ignored because CI is set", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("")]
    public void Accept_variable_switched_off_fails_as_usual(string value)
    {
        scratch.Environment[Snapshot.AcceptVariable] = value;

        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("x", settings: scratch.Settings().UseParameters(value)));

        Assert.DoesNotContain(scratch.Tree(), entry => entry.Contains(".verified", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_accept_value_is_an_error_naming_the_variable()
    {
        scratch.Environment[Snapshot.AcceptVariable] = "please";

        var e = Assert.Throws<InvalidOperationException>(() => Snapshot.Verify("x", settings: scratch.Settings()));

        Assert.Equal("COREOSDSL_ACCEPT_SNAPSHOTS='please' is not understood: use 1 (accept received snapshots) or 0.", e.Message);
    }

    [Fact]
    public void Accepting_then_running_again_passes()
    {
        Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("group: alpha\n", "yml", scratch.Settings()));
        scratch.Environment[Snapshot.AcceptVariable] = "1";
        Snapshot.Verify("group: alpha\n", "yml", scratch.Settings());
        scratch.Environment.Clear();

        Snapshot.Verify("group: alpha\n", "yml", scratch.Settings());

        Assert.Equal(["AcceptOnRunTests.Accepting_then_running_again_passes.verified.yml"], scratch.Tree());
    }
}
