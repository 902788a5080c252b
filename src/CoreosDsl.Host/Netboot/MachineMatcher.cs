namespace CoreosDsl.Host.Netboot;

/// <summary>What a booting machine tells the server about itself (the query of its script request).</summary>
/// <param name="Mac">Its MAC address, normalized (<c>aa:bb:cc:dd:ee:ff</c>), or null.</param>
/// <param name="Uuid">Its SMBIOS UUID, or null (QEMU and some boards report all zeros: treated as none).</param>
/// <param name="Hostname">The host name DHCP gave it, or null.</param>
/// <param name="Labels">Every other query parameter, for label selectors.</param>
internal sealed record MachineQuery(string? Mac, Guid? Uuid, string? Hostname, IReadOnlyDictionary<string, string> Labels)
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    /// <summary>A machine known only by its MAC address (normalized).</summary>
    public static MachineQuery OfMac(string normalizedMac) => new(normalizedMac, null, null, NoLabels);

    /// <summary>What identifies the machine, for messages (literal values, safe to print in an iPXE script).</summary>
    public string Describe()
    {
        var parts = new List<string> { "mac " + (Mac ?? "unknown") };
        if (Uuid is { } uuid)
        {
            parts.Add("uuid " + uuid.ToString("D"));
        }

        if (Hostname is not null)
        {
            parts.Add("hostname " + Hostname);
        }

        parts.AddRange(Labels.Select(l => $"{l.Key}={l.Value}"));
        return IpxeScripts.Escape(string.Join(", ", parts));
    }
}

/// <summary>
/// Finds the worker of a booting machine, in the spirit of matchbox's groups: by MAC address first, then SMBIOS UUID,
/// then DHCP host name (the worker's name), then labels (a worker whose every label the request carries; the one with
/// the most labels wins). MAC, UUID and host name are dictionary lookups, so a fleet of thousands answers in O(1).
/// </summary>
internal sealed class MachineMatcher
{
    private readonly Dictionary<string, WorkerDefinition> byMac = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, WorkerDefinition> byUuid = [];
    private readonly Dictionary<string, WorkerDefinition> byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<WorkerDefinition> labelled;

    /// <summary>Indexes <paramref name="workers"/>.</summary>
    /// <exception cref="UsageException">Two workers share a MAC address, a UUID or the same labels.</exception>
    public MachineMatcher(IReadOnlyList<WorkerDefinition> workers)
    {
        foreach (var worker in workers)
        {
            foreach (var mac in worker.MacAddresses)
            {
                if (!byMac.TryAdd(mac, worker))
                {
                    throw new UsageException($"the MAC address {mac} belongs to both {byMac[mac].Name} and {worker.Name}; a machine must map to one worker");
                }
            }

            foreach (var uuid in worker.Uuids)
            {
                if (!byUuid.TryAdd(uuid, worker))
                {
                    throw new UsageException($"the UUID {uuid:D} belongs to both {byUuid[uuid].Name} and {worker.Name}; a machine must map to one worker");
                }
            }

            byName.TryAdd(worker.Name, worker);
        }

        // Most specific first; equal label sets would make a request ambiguous.
        labelled = workers.Where(w => w.Labels.Count > 0).OrderByDescending(w => w.Labels.Count).ToList();
        var same = labelled.GroupBy(w => string.Join('&', w.Labels.Select(l => $"{l.Key}={l.Value}")), StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (same is not null)
        {
            throw new UsageException($"the workers {string.Join(" and ", same.Select(w => w.Name))} have the same labels ({same.Key}); a machine must map to one worker: give one of them another label");
        }
    }

    /// <summary>The worker of the machine that sent <paramref name="query"/>, or null.</summary>
    public WorkerDefinition? Match(MachineQuery query)
    {
        if (query.Mac is { } mac && byMac.TryGetValue(mac, out var worker))
        {
            return worker;
        }

        if (query.Uuid is { } uuid && byUuid.TryGetValue(uuid, out worker))
        {
            return worker;
        }

        if (query.Hostname is { } hostname && byName.TryGetValue(hostname, out worker))
        {
            return worker;
        }

        if (query.Labels.Count > 0)
        {
            foreach (var candidate in labelled)
            {
                if (candidate.Labels.All(l => query.Labels.TryGetValue(l.Key, out var value) && value == l.Value))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Reads a request's query: <c>mac</c>, <c>uuid</c>, <c>hostname</c> and any other parameters as labels.</summary>
    /// <param name="parameters">The query parameters (first value of each).</param>
    /// <param name="pathMac">A MAC address from the path (<c>ipxe/52-54-00-c0-de-01.ipxe</c>), which wins over the query's.</param>
    public static MachineQuery Read(IEnumerable<KeyValuePair<string, string>> parameters, string? pathMac = null)
    {
        string? mac = pathMac is null ? null : MacAddress.Normalize(pathMac);
        Guid? uuid = null;
        string? hostname = null;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "mac":
                    mac ??= MacAddress.Normalize(value);
                    break;
                case "uuid":
                    uuid = Guid.TryParse(value, out var g) && g != Guid.Empty && g != AllOnes ? g : null;
                    break;
                case "hostname":
                    hostname = value.Length is > 0 and <= 253 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') ? value : null;
                    break;
                default:
                    labels[key] = value;
                    break;
            }
        }

        return new MachineQuery(mac, uuid, hostname, labels);
    }

    private static readonly Guid AllOnes = new("ffffffff-ffff-ffff-ffff-ffffffffffff");
}
