using System.Net;

namespace CoreosDsl.Host.Tests;

/// <summary><c>serve</c> answers each Ignition worker's config URL with the media type Ignition asks for.</summary>
public class IgnitionServeTests
{
    [Fact]
    public async Task Ignition_configs_are_served_by_name_and_at_the_path_of_their_config_url()
    {
        var flatcar = Worker.Define("flatcar-1", w => w.Hostname("flatcar-1"))
            .WithIgnitionConfigUrl(new Uri("http://10.0.0.1:8080/ignition/flatcar-1.json"));
        var classic = Worker.Define("classic", w => w.Hostname("classic"));
        await using var server = await ConfigServer.StartAsync([flatcar, classic], ["http://127.0.0.1:0"], _ => { }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Addresses[0]), Timeout = TimeSpan.FromSeconds(20) };

        var byName = await http.GetAsync("/flatcar-1/ignition.json");
        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal("application/vnd.coreos.ignition+json", byName.Content.Headers.ContentType!.MediaType);
        Assert.Equal(flatcar.ToIgnitionJson(), await byName.Content.ReadAsStringAsync());

        var byUrl = await http.GetAsync("/ignition/flatcar-1.json");
        Assert.Equal(HttpStatusCode.OK, byUrl.StatusCode);
        Assert.Equal(flatcar.ToIgnitionJson(), await byUrl.Content.ReadAsStringAsync());

        // A cloud-config-only worker has no Ignition config.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/classic/ignition.json")).StatusCode);
    }
}
