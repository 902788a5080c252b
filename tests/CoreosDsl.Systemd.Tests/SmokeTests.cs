using CoreosDsl.Tests.Shared;

namespace CoreosDsl.Systemd.Tests;

[Trait("Category", "Oracle")]
public class OracleAvailabilityTests
{
    [Fact]
    public void SystemdAnalyzeIsInstalled()
    {
        var result = ExternalTool.Run("systemd-analyze", ["--version"]).EnsureSuccess();
        Assert.StartsWith("systemd ", result.StandardOutput);
    }
}
