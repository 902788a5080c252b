using System.Net;

namespace CoreosDsl.Host.Netboot;

/// <summary>
/// The client networks <c>serve --allow CIDR</c> admits. Configs carry secrets (write_files, tokens, keys), so a
/// server reachable from other machines should answer only the machines it boots.
/// </summary>
internal sealed class AllowList
{
    private readonly IPNetwork[] networks;

    private AllowList(IPNetwork[] networks) => this.networks = networks;

    /// <summary>Every client is admitted (no <c>--allow</c>).</summary>
    public static AllowList Everyone { get; } = new([]);

    /// <summary>True when no network was given, so that every client is admitted.</summary>
    public bool AdmitsEveryone => networks.Length == 0;

    /// <summary>The networks, as given (normalized: <c>10.0.0.0/8</c>).</summary>
    public IReadOnlyList<IPNetwork> Networks => networks;

    /// <summary>Parses <c>10.0.0.0/8</c>, <c>192.168.1.7</c> (one address), <c>fd00::/8</c>.</summary>
    /// <exception cref="UsageException">An entry is not an address or a CIDR network; the message names it.</exception>
    public static AllowList Parse(IEnumerable<string> entries)
    {
        var parsed = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            // IPNetwork masks host bits silently; 10.1.2.3/24 is more likely a typo than 10.1.2.0/24.
            if (IPNetwork.TryParse(entry, out var network) && IPAddress.TryParse(entry.Split('/')[0], out var given) && given.Equals(network.BaseAddress))
            {
                parsed.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                parsed.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new UsageException($"--allow: \"{entry}\" is not a network in CIDR notation (10.0.0.0/8, 192.168.1.0/24, fd00::/8) or an address " +
                    "(a CIDR's address must have no bits set past its prefix: 10.1.2.0/24, not 10.1.2.3/24)");
            }
        }

        return new AllowList([.. parsed]);
    }

    /// <summary>True when <paramref name="client"/> may fetch (IPv4 clients of a dual-stack socket count as IPv4).</summary>
    public bool Admits(IPAddress? client)
    {
        if (networks.Length == 0)
        {
            return true;
        }

        if (client is null)
        {
            return false;
        }

        // Asked for every request: a loop over the networks, without a closure or an enumerator.
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        for (var i = 0; i < networks.Length; i++)
        {
            if (networks[i].Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
