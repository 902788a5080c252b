using CoreosDsl;

namespace LocalWorkers.Tests;

/// <summary>Where the example's SSH keys come from: the environment first, then keys.pub, then the placeholder.</summary>
public sealed class SshKeysTests : IDisposable
{
    private const string Variable = "COREOSDSL_SSH_KEYS_TEST";
    private const string FileKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBERERERERERERERERERERERERERERERERERERERERER file@example.com";
    private const string EnvironmentKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIiIi env@example.com";
    private readonly string _dir = Directory.CreateTempSubdirectory("sshkeys-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        Directory.Delete(_dir, recursive: true);
    }

    private string KeysFile(string text)
    {
        var path = Path.Combine(_dir, "keys.pub");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AKeysFileIsReadSkippingCommentsAndBlankLines()
    {
        var path = KeysFile($"# operators\n\n{FileKey}\r\n");
        Assert.Equal([FileKey], SshKeys.FromEnvironmentOrFile(Variable, path, LocalWorker.PlaceholderKey));
    }

    [Fact]
    public void TheEnvironmentWinsOverTheFile()
    {
        Environment.SetEnvironmentVariable(Variable, EnvironmentKey);
        Assert.Equal([EnvironmentKey], SshKeys.FromEnvironmentOrFile(Variable, KeysFile(FileKey), LocalWorker.PlaceholderKey));
    }

    [Fact]
    public void WithNeitherThePlaceholderIsUsed() =>
        Assert.Equal([LocalWorker.PlaceholderKey],
            SshKeys.FromEnvironmentOrFile(Variable, Path.Combine(_dir, "missing.pub"), LocalWorker.PlaceholderKey));

    [Fact]
    public void ABadLineInTheFileIsRejectedNamingFileAndLine()
    {
        var path = KeysFile($"{FileKey}\nssh-rsa not-base64!\n");
        var e = Assert.Throws<FormatException>(() => SshKeys.FromFile(path));
        Assert.Equal($"{path}, line 2: the key data is not valid base64", e.Message);
    }
}
