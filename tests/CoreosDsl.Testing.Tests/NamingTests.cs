using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Testing.Tests;

/// <summary>How snapshots are named and found: Type.Method[_Parameters] next to the test source.</summary>
public sealed class NamingTests : IDisposable
{
    private static readonly string ThisProject = Path.Combine(TestPaths.RepoRoot, "tests", "CoreosDsl.Testing.Tests");

    private readonly Scratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void Default_name_is_source_file_name_and_calling_method_in_the_source_folder()
    {
        var location = SnapshotLocation.Resolve(new SnapshotSettings(), Path.Combine(ThisProject, "NamingTests.cs"), "Some_test");

        Assert.Equal(ThisProject, location.Folder);
        Assert.Equal(Path.Combine(ThisProject, "NamingTests.Some_test.verified.yml"), location.VerifiedFile("yml"));
        Assert.Equal(Path.Combine(ThisProject, "NamingTests.Some_test.received"), location.ReceivedFolder);
    }

    [Fact]
    public void The_compiler_supplied_caller_names_the_snapshot()
    {
        var e = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Verify("x", settings: scratch.Settings()));

        Assert.Equal("NamingTests.The_compiler_supplied_caller_names_the_snapshot", e.SnapshotName);
    }

    [Fact]
    public void Explicit_type_method_and_relative_directory_are_used()
    {
        var settings = new SnapshotSettings { TypeName = "Workers", MethodName = "Seed", Directory = "Snapshots/Workers" };

        var location = SnapshotLocation.Resolve(settings, Path.Combine(ThisProject, "NamingTests.cs"), "Ignored");

        Assert.Equal(Path.Combine(ThisProject, "Snapshots", "Workers"), location.Folder);
        Assert.Equal("Workers.Seed", location.BaseName);
    }

    [Theory]
    [InlineData(new object?[] { "alpha" }, "Type.Method_alpha")]
    [InlineData(new object?[] { "alpha", 3, null }, "Type.Method_alpha_3_null")]
    [InlineData(new object?[] { 1.5, true }, "Type.Method_1.5_True")]
    [InlineData(new object?[] { "a/b:c*d" }, "Type.Method_a-b-c-d")]
    public void Parameters_make_one_snapshot_per_case(object?[] values, string expected)
    {
        var settings = new SnapshotSettings { TypeName = "Type", MethodName = "Method", Directory = scratch.Folder }.UseParameters(values);

        Assert.Equal(expected, SnapshotLocation.Resolve(settings, "", "").BaseName);
    }

    [Fact]
    public void Parameters_are_formatted_with_the_invariant_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("1.5", new SnapshotSettings().UseParameters(1.5).Parameters);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData("Bad/Name")]
    [InlineData(".hidden")]
    [InlineData("a*b")]
    public void Type_names_that_cannot_be_file_names_are_rejected(string typeName)
    {
        var settings = new SnapshotSettings { TypeName = typeName, Directory = scratch.Folder };

        var e = Assert.Throws<ArgumentException>(() => SnapshotLocation.Resolve(settings, "", "Method"));

        Assert.Contains($"The snapshot TypeName '{typeName}' cannot be part of a file name", e.Message);
    }

    [Fact]
    public void A_missing_method_name_asks_for_one()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            SnapshotLocation.Resolve(new SnapshotSettings { Directory = scratch.Folder }, "/x/Tests.cs", ""));

        Assert.Equal("The snapshot has no MethodName: the calling member's name is unknown. Set SnapshotSettings.MethodName.", e.Message);
    }

    [Fact]
    public void A_source_path_mapped_by_a_deterministic_build_is_found_below_the_repository()
    {
        // ContinuousIntegrationBuild=true makes [CallerFilePath] read /_/tests/...; the tests run below the repository.
        var location = SnapshotLocation.Resolve(new SnapshotSettings(), "/_/tests/CoreosDsl.Testing.Tests/NamingTests.cs", "Some_test");

        Assert.Equal(ThisProject, location.Folder);
    }

    [Fact]
    public void A_source_file_that_cannot_be_found_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            SnapshotLocation.Resolve(new SnapshotSettings(), "/_/nowhere/Elsewhere/GoneTests.cs", "Some_test"));

        Assert.StartsWith("The test source file '/_/nowhere/Elsewhere/GoneTests.cs' does not exist here", e.Message);
        Assert.Contains("<DeterministicSourcePaths>false</DeterministicSourcePaths>", e.Message);
        Assert.Contains("SnapshotSettings.Directory", e.Message);
    }

    [Fact]
    public void An_absolute_directory_needs_no_source_file()
    {
        var location = SnapshotLocation.Resolve(new SnapshotSettings { Directory = scratch.Folder }, "/_/nowhere/GoneTests.cs", "T");

        Assert.Equal(scratch.Folder, location.Folder);
        Assert.Equal("GoneTests.T", location.BaseName);
    }

    [Fact]
    public void Windows_caller_paths_give_the_same_type_name()
    {
        var location = SnapshotLocation.Resolve(new SnapshotSettings { Directory = scratch.Folder }, @"C:\src\repo\tests\WorkerTests.cs", "T");

        Assert.Equal("WorkerTests.T", location.BaseName);
    }

    [Fact]
    public void Two_different_outputs_for_one_snapshot_in_a_run_are_reported()
    {
        // What a [Theory] without UseParameters does: every case verifies against the same snapshot.
        scratch.Write("NamingTests.Two_different_outputs_for_one_snapshot_in_a_run_are_reported.verified.txt", "alpha\n");
        Snapshot.Verify("alpha\n", settings: scratch.Settings());

        var e = Assert.Throws<InvalidOperationException>(() => Snapshot.Verify("stable\n", settings: scratch.Settings()));

        Assert.StartsWith("The snapshot 'NamingTests.Two_different_outputs_for_one_snapshot_in_a_run_are_reported' was already verified in this test run with a different output.", e.Message);
        Assert.Contains("UseParameters", e.Message);
        Snapshot.Verify("alpha\n", settings: scratch.Settings()); // the same output again is fine
    }
}
