using System.Text;
using System.Text.RegularExpressions;
using CoreosDsl.Systemd;

namespace CoreosDsl.CloudConfig;

/// <summary>Whether an etcd member starts a new cluster or joins one (<c>ETCD_INITIAL_CLUSTER_STATE</c>).</summary>
public enum EtcdClusterState
{
    /// <summary><c>new</c>: every member of the initial cluster starts together.</summary>
    New,

    /// <summary><c>existing</c>: this member joins a running cluster (after <c>etcdctl member add</c>).</summary>
    Existing,
}

/// <summary>
/// Flatcar's etcd v3: the stock <c>etcd-member.service</c> runs etcd in a container (image
/// <c>ETCD_IMAGE_URL:ETCD_IMAGE_TAG</c>, data in <c>ETCD_DATA_DIR</c>, certificates from <c>ETCD_SSL_DIR</c> mounted at
/// <c>/etc/ssl/certs</c>) and passes every <c>ETCD_*</c> variable of the unit to etcd, which reads each flag from the
/// variable of its name (<c>--initial-cluster</c> from <c>ETCD_INITIAL_CLUSTER</c>). This builder writes those
/// variables as <c>Environment=</c> lines of the drop-in <c>20-etcd-member.conf</c>; URLs are checked as etcd checks
/// them, and the member's own name and peer URLs against the initial cluster.
/// </summary>
public sealed partial class EtcdMemberBuilder
{
    /// <summary>The stock unit the drop-in configures.</summary>
    public const string UnitName = "etcd-member.service";

    /// <summary>The drop-in's file name.</summary>
    public const string DropInName = "20-etcd-member.conf";

    private readonly List<KeyValuePair<string, string>> variables = [];
    private readonly List<(string Name, Uri PeerUrl)> initialCluster = [];
    private IReadOnlyList<Uri> advertisedPeerUrls = [];
    private bool discovery;

    internal EtcdMemberBuilder()
    {
    }

    /// <summary>Sets <c>ETCD_IMAGE_TAG</c>: the etcd release to run, such as <c>v3.5.16</c> (the image's tag).</summary>
    /// <param name="tag">A container image tag.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder ImageTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (!ImageTagPattern().IsMatch(tag))
        {
            throw new ArgumentException($"'{tag}' is not an image tag: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-' (such as v3.5.16)", nameof(tag));
        }

        return Set("ETCD_IMAGE_TAG", tag);
    }

    /// <summary>Sets <c>ETCD_IMAGE_URL</c>: the image repository, without tag (Flatcar's default is quay.io/coreos/etcd).</summary>
    /// <param name="repository">An image reference without tag, such as <c>registry.example.com/etcd</c>.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder ImageUrl(string repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (!RepositoryPattern().IsMatch(repository))
        {
            throw new ArgumentException($"'{repository}' is not an image repository: write HOST/PATH in lower case, without scheme or tag (such as quay.io/coreos/etcd)", nameof(repository));
        }

        return Set("ETCD_IMAGE_URL", repository);
    }

    /// <summary>Sets <c>ETCD_NAME</c>: the member's name in the cluster (Flatcar's default is the machine ID, <c>%m</c>).</summary>
    /// <param name="name">The name, as the initial cluster lists it.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => c is ',' or '=' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{name}' cannot be a member name: the initial cluster is NAME=URL,...; use letters, digits, '-' and '.'", nameof(name));
        }

        return Set("ETCD_NAME", name);
    }

    /// <summary>Sets <c>ETCD_DATA_DIR</c>: where the member's data lives on the host (default /var/lib/etcd).</summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder DataDir(string path) => Set("ETCD_DATA_DIR", AbsolutePath(path, nameof(path)));

    /// <summary>
    /// Sets <c>ETCD_SSL_DIR</c>: the host folder mounted at <c>/etc/ssl/certs</c> in etcd's container (default
    /// /etc/ssl/certs); certificate paths are given as the container sees them.
    /// </summary>
    /// <param name="path">An absolute path.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder SslDir(string path) => Set("ETCD_SSL_DIR", AbsolutePath(path, nameof(path)));

    /// <summary>Sets <c>ETCD_LISTEN_CLIENT_URLS</c>: where the member accepts clients (IP addresses, such as http://0.0.0.0:2379).</summary>
    /// <param name="urls">One or more URLs with an IP address and a port.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder ListenClientUrls(params Uri[] urls) => Set("ETCD_LISTEN_CLIENT_URLS", EtcdUrls.Join(urls, listen: true, nameof(urls)));

    /// <summary>Sets <c>ETCD_ADVERTISE_CLIENT_URLS</c>: the client URLs the member tells the cluster and clients.</summary>
    /// <param name="urls">One or more URLs with a host and a port.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder AdvertiseClientUrls(params Uri[] urls) => Set("ETCD_ADVERTISE_CLIENT_URLS", EtcdUrls.Join(urls, listen: false, nameof(urls)));

    /// <summary>Sets <c>ETCD_LISTEN_PEER_URLS</c>: where the member accepts the other members (IP addresses, port 2380 by convention).</summary>
    /// <param name="urls">One or more URLs with an IP address and a port.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder ListenPeerUrls(params Uri[] urls) => Set("ETCD_LISTEN_PEER_URLS", EtcdUrls.Join(urls, listen: true, nameof(urls)));

    /// <summary>Sets <c>ETCD_INITIAL_ADVERTISE_PEER_URLS</c>: the peer URLs the member announces; the initial cluster lists them under its name.</summary>
    /// <param name="urls">One or more URLs with a host and a port.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder InitialAdvertisePeerUrls(params Uri[] urls)
    {
        Set("ETCD_INITIAL_ADVERTISE_PEER_URLS", EtcdUrls.Join(urls, listen: false, nameof(urls)));
        advertisedPeerUrls = urls;
        return this;
    }

    /// <summary>Adds a member to <c>ETCD_INITIAL_CLUSTER</c> (<c>NAME=PEER_URL,...</c>), the static bootstrap list.</summary>
    /// <param name="name">The member's name (its <c>ETCD_NAME</c>).</param>
    /// <param name="peerUrl">One of its advertised peer URLs.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder InitialClusterMember(string name, Uri peerUrl)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(peerUrl);
        if (discovery)
        {
            throw new ArgumentException("the member already bootstraps by discovery; etcd refuses both (multiple discovery or bootstrap flags are set): give the initial cluster or the discovery URL", nameof(name));
        }

        if (name.Length == 0 || name.Any(c => c is ',' or '=' || char.IsWhiteSpace(c)))
        {
            throw new ArgumentException($"'{name}' cannot be a member name in the initial cluster (NAME=URL,...)", nameof(name));
        }

        if (EtcdUrls.Problem(peerUrl, listen: false) is { } problem)
        {
            throw new ArgumentException(problem, nameof(peerUrl));
        }

        initialCluster.Add((name, peerUrl));
        return Set("ETCD_INITIAL_CLUSTER", string.Join(",", initialCluster.Select(m => $"{m.Name}={m.PeerUrl.OriginalString.Trim()}")));
    }

    /// <summary>Sets <c>ETCD_INITIAL_CLUSTER_TOKEN</c>: a name unique to this cluster, so that two clusters never mix.</summary>
    /// <param name="token">The token.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder InitialClusterToken(string token) => Set("ETCD_INITIAL_CLUSTER_TOKEN", Word(token, nameof(token)));

    /// <summary>Sets <c>ETCD_INITIAL_CLUSTER_STATE</c>.</summary>
    /// <param name="state">New cluster, or joining an existing one.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder InitialClusterState(EtcdClusterState state) => Set("ETCD_INITIAL_CLUSTER_STATE", state switch
    {
        EtcdClusterState.New => "new",
        EtcdClusterState.Existing => "existing",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not an EtcdClusterState"),
    });

    /// <summary>Sets <c>ETCD_DISCOVERY</c>: bootstrap through a discovery URL instead of a static initial cluster.</summary>
    /// <param name="url">The discovery URL (http or https).</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder Discovery(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{url}' is not an http(s) discovery URL", nameof(url));
        }

        if (initialCluster.Count > 0)
        {
            throw new ArgumentException("the member already has an initial cluster; etcd refuses both (multiple discovery or bootstrap flags are set): give the initial cluster or the discovery URL", nameof(url));
        }

        discovery = true;
        return Set("ETCD_DISCOVERY", url.AbsoluteUri);
    }

    /// <summary>
    /// Serves clients over TLS: <c>ETCD_CERT_FILE</c>, <c>ETCD_KEY_FILE</c>, and with a CA <c>ETCD_TRUSTED_CA_FILE</c>
    /// and <c>ETCD_CLIENT_CERT_AUTH</c> (clients must present a certificate). Paths as etcd's container sees them.
    /// </summary>
    /// <param name="certFile">The server certificate.</param>
    /// <param name="keyFile">Its key.</param>
    /// <param name="trustedCaFile">The CA that signs client certificates, or null for no client authentication.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder ClientTls(string certFile, string keyFile, string? trustedCaFile = null)
    {
        Set("ETCD_CERT_FILE", AbsolutePath(certFile, nameof(certFile)));
        Set("ETCD_KEY_FILE", AbsolutePath(keyFile, nameof(keyFile)));
        return trustedCaFile is null ? this : Set("ETCD_TRUSTED_CA_FILE", AbsolutePath(trustedCaFile, nameof(trustedCaFile))).Set("ETCD_CLIENT_CERT_AUTH", "true");
    }

    /// <summary>
    /// Talks to the other members over TLS: <c>ETCD_PEER_CERT_FILE</c>, <c>ETCD_PEER_KEY_FILE</c>, and with a CA
    /// <c>ETCD_PEER_TRUSTED_CA_FILE</c> and <c>ETCD_PEER_CLIENT_CERT_AUTH</c>. Paths as etcd's container sees them.
    /// </summary>
    /// <param name="certFile">The peer certificate.</param>
    /// <param name="keyFile">Its key.</param>
    /// <param name="trustedCaFile">The CA that signs the peers' certificates, or null.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder PeerTls(string certFile, string keyFile, string? trustedCaFile = null)
    {
        Set("ETCD_PEER_CERT_FILE", AbsolutePath(certFile, nameof(certFile)));
        Set("ETCD_PEER_KEY_FILE", AbsolutePath(keyFile, nameof(keyFile)));
        return trustedCaFile is null ? this : Set("ETCD_PEER_TRUSTED_CA_FILE", AbsolutePath(trustedCaFile, nameof(trustedCaFile))).Set("ETCD_PEER_CLIENT_CERT_AUTH", "true");
    }

    /// <summary>Sets another etcd flag through its variable (<c>ETCD_HEARTBEAT_INTERVAL</c> for <c>--heartbeat-interval</c>).</summary>
    /// <param name="name">The variable: <c>ETCD_</c> and the flag's name in upper case with '_' for '-'.</param>
    /// <param name="value">The value, as the flag takes it.</param>
    /// <returns>This builder.</returns>
    public EtcdMemberBuilder Environment(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!name.StartsWith("ETCD_", StringComparison.Ordinal) || !EnvironmentAssignment.IsValidName(name) || name.Any(char.IsLower))
        {
            throw new ArgumentException($"'{name}' is not an etcd variable: write ETCD_ and the flag in upper case, such as ETCD_HEARTBEAT_INTERVAL", nameof(name));
        }

        return Set(name, value);
    }

    /// <summary>The variables set, in the order first set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables => variables;

    /// <summary>The drop-in: <c>[Service]</c> and one <c>Environment=</c> line per variable, quoted as systemd reads it.</summary>
    /// <returns>The drop-in's text.</returns>
    /// <exception cref="InvalidOperationException">The settings contradict each other the way etcd refuses at start.</exception>
    public string DropInText()
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var text = new StringBuilder("[Service]\n");
        foreach (var (name, value) in variables)
        {
            text.Append("Environment=").Append(new EnvironmentAssignment(name, value)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>What etcd would refuse at start: the member missing from its own initial cluster, or listed with other peer URLs.</summary>
    private string? Problem()
    {
        var name = variables.FirstOrDefault(v => v.Key == "ETCD_NAME").Value;
        if (initialCluster.Count == 0 || name is null)
        {
            return null;
        }

        var own = initialCluster.Where(m => m.Name == name).Select(m => m.PeerUrl).ToList();
        if (own.Count == 0)
        {
            return $"etcd member '{name}' is not in its initial cluster ({string.Join(", ", initialCluster.Select(m => m.Name))}); etcd refuses to start (couldn't find local name): add InitialClusterMember(\"{name}\", ...)";
        }

        if (advertisedPeerUrls.Count > 0 && !own.Select(Normal).Order(StringComparer.Ordinal).SequenceEqual(advertisedPeerUrls.Select(Normal).Order(StringComparer.Ordinal)))
        {
            return $"etcd member '{name}' advertises the peer URLs {string.Join(",", advertisedPeerUrls.Select(Normal))} but its initial cluster lists {string.Join(",", own.Select(Normal))}; etcd refuses to start: list the same URLs";
        }

        return null;
    }

    private static string Normal(Uri url) => url.OriginalString.Trim();

    private EtcdMemberBuilder Set(string name, string value)
    {
        var i = variables.FindIndex(v => v.Key == name);
        if (i >= 0)
        {
            variables[i] = new(name, value);
        }
        else
        {
            variables.Add(new(name, value));
        }

        return this;
    }

    private static string AbsolutePath(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path, parameter);
        if (!path.StartsWith('/') || path.Any(char.IsControl))
        {
            throw new ArgumentException($"'{path}' is not an absolute path; write it from the root, such as /etc/ssl/certs/etcd.pem", parameter);
        }

        return path;
    }

    private static string Word(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{value}' must be one word without spaces", parameter);
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex ImageTagPattern();

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();
}
