using CoreosDsl.Systemd;

namespace CoreosDsl.Rules;

/// <summary>
/// CDSL230: ordering cycles across the units of one worker and the stock units they are ordered against. The
/// ordering systemd sees is more than the <c>After=</c> and <c>Before=</c> lines: a unit with
/// <c>DefaultDependencies=yes</c> (the default) also gets its type's default dependencies (a service starts after
/// <c>sysinit.target</c> and <c>basic.target</c>, a local mount before <c>local-fs.target</c>, ...), a timer, path,
/// socket or automount starts before the unit it activates, a mount after the mount it is beneath, and the special
/// targets are ordered among themselves (<see cref="StockOrdering"/>). The facts are those of systemd.service(5),
/// systemd.mount(5) and the other unit types' "Default Dependencies" and "Implicit Dependencies".
/// </summary>
/// <remarks>
/// Only what is known is used: a value computed at run time, mount options that are not known (they may say
/// <c>nofail</c>) or a <c>DefaultDependencies=</c> that is not known add no ordering, so a reported cycle is one
/// systemd finds too when it starts the units at boot (<c>systemd-analyze verify</c>: "Found ordering cycle"). The
/// ordering before <c>shutdown.target</c> and <c>umount.target</c>, which counts when the units stop, is left out,
/// and stock units other than the special targets are not modelled.
/// </remarks>
internal static class OrderingCycles
{
    /// <summary>File systems systemd mounts after the network (its <c>fstype_is_network()</c>, after a <c>fuse.</c> prefix).</summary>
    private static readonly HashSet<string> NetworkFileSystems = new(StringComparer.Ordinal)
    {
        "afs", "ceph", "cifs", "smb3", "smbfs", "sshfs", "ncpfs", "ncp", "nfs", "nfs4", "gfs", "gfs2", "glusterfs",
        "pvfs2", "ocfs2", "lustre", "davfs",
    };

    /// <summary>
    /// Special units that boot does not start unless a unit pulls them in (systemd.special(7): "passive" targets and
    /// the like). Ordering only counts between units that get a job, so these are left out unless a worker's unit
    /// wants or requires them (or a network mount, which wants <c>network-online.target</c>).
    /// </summary>
    private static readonly HashSet<string> Passive = new(StringComparer.Ordinal)
    {
        "local-fs-pre.target", "remote-fs-pre.target", "network-pre.target", "network-online.target", "time-set.target",
        "time-sync.target", "nss-lookup.target", "nss-user-lookup.target", "rescue.target", "rescue.service",
        "emergency.target", "emergency.service", "graphical.target", "display-manager.service",
    };

    /// <summary>The requirement directives whose units get a job when the unit does.</summary>
    private static readonly string[] Pulling = ["Wants", "Requires", "Requisite", "BindsTo"];

    /// <summary>The findings for the units of one worker, as coreos-cloudinit leaves them (<see cref="WorkerUnitRules.Merged"/>).</summary>
    public static IEnumerable<RuleFinding> Check(IReadOnlyList<UnitFacts> units)
    {
        var graph = Build(units);
        var findings = new List<RuleFinding>();
        foreach (var component in graph.CyclicComponents())
        {
            if (Cycle(graph, component) is { } cycle)
            {
                findings.Add(Finding(cycle));
            }
        }

        return findings;
    }

    /// <summary>One "starts before" pair and why systemd orders it so.</summary>
    private sealed class Edge(string first, string then, string reason, object? origin, UnitFacts? unit, EdgeKind kind)
    {
        public string First { get; } = first;

        public string Then { get; } = then;

        public string Reason { get; } = reason;

        public object? Origin { get; } = origin;

        /// <summary>The worker's unit that brings this edge, or null for the stock ordering.</summary>
        public UnitFacts? Unit { get; } = unit;

        public EdgeKind Kind { get; } = kind;

        /// <summary>Insertion order: the first edges are the worker's, in unit and line order.</summary>
        public int Index { get; set; }
    }

    private enum EdgeKind
    {
        /// <summary>An After= or Before= line of the worker.</summary>
        Written,

        /// <summary>A default dependency of a worker's unit.</summary>
        Default,

        /// <summary>An implicit dependency of a worker's unit (activation, mount hierarchy, RequiresMountsFor=).</summary>
        Implicit,

        /// <summary>The special targets' own ordering.</summary>
        Stock,
    }

    private sealed class Graph(HashSet<string> pulled)
    {
        private readonly Dictionary<string, List<Edge>> outgoing = new(StringComparer.Ordinal);
        private readonly List<string> nodes = [];

        public int Count { get; private set; }

        public void Add(Edge edge)
        {
            if (edge.First == edge.Then)
            {
                return; // systemd ignores a dependency of a unit on itself
            }

            if ((Passive.Contains(edge.First) && !pulled.Contains(edge.First)) || (Passive.Contains(edge.Then) && !pulled.Contains(edge.Then)))
            {
                return; // a unit without a job orders nothing
            }

            edge.Index = Count++;
            Node(edge.Then);
            Node(edge.First).Add(edge);
        }

        public IReadOnlyList<Edge> From(string node) => outgoing.TryGetValue(node, out var edges) ? edges : [];

        private List<Edge> Node(string name)
        {
            if (!outgoing.TryGetValue(name, out var edges))
            {
                outgoing.Add(name, edges = []);
                nodes.Add(name);
            }

            return edges;
        }

        /// <summary>The strongly connected components that hold a cycle (Tarjan's algorithm), as node sets.</summary>
        public IEnumerable<HashSet<string>> CyclicComponents()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var result = new List<HashSet<string>>();

            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                onStack.Add(node);
                foreach (var edge in From(node))
                {
                    if (!index.ContainsKey(edge.Then))
                    {
                        Visit(edge.Then);
                        low[node] = Math.Min(low[node], low[edge.Then]);
                    }
                    else if (onStack.Contains(edge.Then))
                    {
                        low[node] = Math.Min(low[node], index[edge.Then]);
                    }
                }

                if (low[node] != index[node])
                {
                    return;
                }

                var component = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1 || From(node).Any(e => e.Then == node))
                {
                    result.Add(component);
                }
            }

            foreach (var node in nodes)
            {
                if (!index.ContainsKey(node))
                {
                    Visit(node);
                }
            }

            return result;
        }
    }

    private static Graph Build(IReadOnlyList<UnitFacts> units)
    {
        var pulled = new HashSet<string>(StringComparer.Ordinal);
        var defined = new HashSet<string>(StringComparer.Ordinal);
        var mounts = new List<(UnitFacts Unit, string Where)>();
        foreach (var unit in units)
        {
            foreach (var line in unit.Lines.Where(l => l.Section == "Unit" && Pulling.Contains(l.Key)))
            {
                pulled.UnionWith(WorkerUnitRules.Names(line.Value));
            }

            if (unit.HasContent && unit.ContentKnown && unit.Type == UnitType.Mount && IsNetworkMount(unit) == true)
            {
                pulled.Add("network-online.target");
            }

            if (unit.Name is { } name && unit.HasContent)
            {
                defined.Add(name);
                if (unit.ContentKnown && unit.Type == UnitType.Mount && WhereOf(unit) is { } where)
                {
                    mounts.Add((unit, where));
                }
            }
        }

        var graph = new Graph(pulled);
        foreach (var unit in units)
        {
            if (unit.Name is not { } name || name.Contains("@.") || (unit.HasContent && !unit.ContentKnown))
            {
                continue; // templates are not loaded themselves; unknown content adds nothing
            }

            foreach (var line in unit.Lines)
            {
                if (line.Section != "Unit" || (line.Key != "After" && line.Key != "Before"))
                {
                    continue;
                }

                foreach (var other in WorkerUnitRules.Names(line.Value))
                {
                    var reason = $"{line.Key}= of {name}";
                    graph.Add(line.Key == "Before"
                        ? new Edge(name, other, reason, line.Origin, unit, EdgeKind.Written)
                        : new Edge(other, name, reason, line.Origin, unit, EdgeKind.Written));
                }
            }

            if (unit.HasContent)
            {
                AddDefaults(graph, unit, name);
                AddImplicit(graph, unit, name, mounts);
            }
        }

        foreach (var (first, then, owner) in StockOrdering.Pairs)
        {
            if (!defined.Contains(owner))
            {
                graph.Add(new Edge(first, then, $"ordering of {owner}", null, null, EdgeKind.Stock));
            }
        }

        return graph;
    }

    /// <summary>The default dependencies of the unit's type, unless <c>DefaultDependencies=no</c> (or not known).</summary>
    private static void AddDefaults(Graph graph, UnitFacts unit, string name)
    {
        if (unit.Last("Unit", "DefaultDependencies") is { } setting
            && (setting.Value is null || (SystemdBoolean.TryParse(setting.Value, out var on) && !on)))
        {
            return;
        }

        var reason = $"default dependencies of {name}";
        void After(params string[] targets)
        {
            foreach (var target in targets)
            {
                graph.Add(new Edge(target, name, reason, unit.NameOrigin, unit, EdgeKind.Default));
            }
        }

        void Before(params string[] targets)
        {
            foreach (var target in targets)
            {
                graph.Add(new Edge(name, target, reason, unit.NameOrigin, unit, EdgeKind.Default));
            }
        }

        switch (unit.Type)
        {
            case UnitType.Service:
                After("sysinit.target", "basic.target");
                break;
            case UnitType.Socket:
                After("sysinit.target");
                Before("sockets.target");
                break;
            case UnitType.Timer:
                After("sysinit.target");
                Before("timers.target");
                if (unit.Effective("Timer", "OnCalendar").Count > 0)
                {
                    After("time-set.target", "time-sync.target");
                }

                break;
            case UnitType.Path:
                After("sysinit.target");
                Before("paths.target");
                break;
            case UnitType.Automount:
                After("local-fs-pre.target");
                Before("local-fs.target");
                break;
            case UnitType.Swap:
                Before("swap.target");
                break;
            case UnitType.Mount:
                AddMountDefaults(unit, After, Before);
                break;
        }
    }

    /// <summary>
    /// A mount's default dependencies (those of starting it): a local file system after
    /// <c>local-fs-pre.target</c> and before <c>local-fs.target</c>, a network one after <c>remote-fs-pre.target</c>,
    /// <c>network.target</c> and <c>network-online.target</c> and before <c>remote-fs.target</c>; not before the target
    /// with <c>nofail</c>. systemd adds none for <c>/</c>, <c>/usr</c> and mounts under <c>/proc</c>, <c>/sys</c>,
    /// <c>/dev</c> and <c>/run/initramfs</c>.
    /// </summary>
    private static void AddMountDefaults(UnitFacts unit, Action<string[]> after, Action<string[]> before)
    {
        if (WhereOf(unit) is not { } where
            || where == "/" || where == "/usr"
            || new[] { "/proc", "/sys", "/dev", "/run/initramfs" }.Any(p => where == p || where.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            return;
        }

        if (IsNetworkMount(unit) is not { } network || MountOptions(unit) is not { } words)
        {
            return; // local or network, and nofail, are not known
        }

        if (words.Any(w => w.StartsWith("x-initrd", StringComparison.Ordinal)))
        {
            return; // ordered against the initrd's targets instead
        }

        var nofail = words.Contains("nofail");
        if (network)
        {
            after(["remote-fs-pre.target", "network.target", "network-online.target"]);
            if (!nofail)
            {
                before(["remote-fs.target"]);
            }
        }
        else
        {
            after(["local-fs-pre.target"]);
            if (!nofail)
            {
                before(["local-fs.target"]);
            }
        }
    }

    /// <summary>The mount options, or null when they are not known.</summary>
    private static List<string>? MountOptions(UnitFacts unit) =>
        unit.Last("Mount", "Options") is { } options
            ? options.Value?.Split(',').Select(o => o.Trim()).ToList()
            : [];

    /// <summary>Whether systemd mounts it after the network (file system type or <c>_netdev</c>), or null when not known.</summary>
    private static bool? IsNetworkMount(UnitFacts unit)
    {
        var type = unit.Last("Mount", "Type");
        if ((type is not null && type.Value is null) || MountOptions(unit) is not { } options)
        {
            return null;
        }

        var fileSystem = type?.Value ?? "";
        if (fileSystem.StartsWith("fuse.", StringComparison.Ordinal))
        {
            fileSystem = fileSystem.Substring("fuse.".Length);
        }

        return options.Contains("_netdev") || NetworkFileSystems.Contains(fileSystem);
    }

    /// <summary>
    /// Implicit dependencies, whatever DefaultDependencies= says: a timer, path, socket or automount starts before the
    /// unit it activates; a mount or automount after the worker's mount it is beneath; a unit with
    /// <c>RequiresMountsFor=</c> after the worker's mounts that path needs.
    /// </summary>
    private static void AddImplicit(Graph graph, UnitFacts unit, string name, List<(UnitFacts Unit, string Where)> mounts)
    {
        if (unit.Type is UnitType.Timer or UnitType.Path or UnitType.Socket or UnitType.Automount
            && WorkerUnitRules.ActivatedUnit(unit) is ({ } activated, _, _) && !activated.Contains("@."))
        {
            graph.Add(new Edge(name, activated, $"{name} activates {activated}", unit.NameOrigin, unit, EdgeKind.Implicit));
        }

        if (unit.Type is UnitType.Mount or UnitType.Automount && WhereOf(unit) is { } where)
        {
            foreach (var (mount, above) in mounts)
            {
                if (Beneath(where, above) && mount.Name != name)
                {
                    graph.Add(new Edge(mount.Name!, name, $"{where} is beneath {above}", unit.NameOrigin, unit, EdgeKind.Implicit));
                }
            }
        }

        foreach (var line in unit.Lines.Where(l => l.Section == "Unit" && l.Key == "RequiresMountsFor" && l.Value is not null))
        {
            foreach (var path in line.Value!.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (var (mount, above) in mounts)
                {
                    if ((path == above || Beneath(path, above)) && mount.Name != name)
                    {
                        graph.Add(new Edge(mount.Name!, name, $"RequiresMountsFor= of {name}", line.Origin, unit, EdgeKind.Implicit));
                    }
                }
            }
        }
    }

    private static bool Beneath(string path, string above) =>
        above == "/" ? path.Length > 1 : path.StartsWith(above + "/", StringComparison.Ordinal);

    /// <summary>A mount's or automount's mount point: its <c>Where=</c>, or the path its name stands for.</summary>
    private static string? WhereOf(UnitFacts unit)
    {
        var section = unit.Type == UnitType.Mount ? "Mount" : "Automount";
        if (unit.Last(section, "Where") is { } line)
        {
            return line.Value is { } value ? value.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/" : null;
        }

        return unit.Name is { } name ? PathOf(name) : null;
    }

    /// <summary>The path a mount unit's name stands for (<c>var-lib-docker.mount</c> → <c>/var/lib/docker</c>).</summary>
    private static string? PathOf(string unitName)
    {
        var prefix = unitName.Substring(0, unitName.LastIndexOf('.'));
        if (prefix == "-")
        {
            return "/";
        }

        var path = new System.Text.StringBuilder("/");
        for (var i = 0; i < prefix.Length; i++)
        {
            if (prefix[i] == '-')
            {
                path.Append('/');
            }
            else if (prefix[i] == '\\' && i + 3 < prefix.Length && prefix[i + 1] == 'x'
                && int.TryParse(prefix.Substring(i + 2, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                path.Append((char)code);
                i += 3;
            }
            else
            {
                path.Append(prefix[i]);
            }
        }

        return path.ToString();
    }

    /// <summary>
    /// One cycle of a component, through its first edge the worker wrote (or, failing that, the first edge a worker's
    /// unit brings): that edge, then the shortest way back. Null for a cycle of stock units alone.
    /// </summary>
    private static List<Edge>? Cycle(Graph graph, HashSet<string> component)
    {
        var inside = component.SelectMany(graph.From).Where(e => component.Contains(e.Then)).OrderBy(e => e.Index).ToList();
        var start = inside.FirstOrDefault(e => e.Kind == EdgeKind.Written) ?? inside.FirstOrDefault(e => e.Unit is not null);
        if (start is null)
        {
            return null;
        }

        // Breadth first from start.Then back to start.First, inside the component.
        var cameBy = new Dictionary<string, Edge?>(StringComparer.Ordinal) { [start.Then] = null };
        var queue = new Queue<string>();
        queue.Enqueue(start.Then);
        while (queue.Count > 0 && !cameBy.ContainsKey(start.First))
        {
            var node = queue.Dequeue();
            foreach (var edge in graph.From(node).Where(e => component.Contains(e.Then)))
            {
                if (!cameBy.ContainsKey(edge.Then))
                {
                    cameBy[edge.Then] = edge;
                    queue.Enqueue(edge.Then);
                }
            }
        }

        var cycle = new List<Edge>();
        for (var node = start.First; cameBy[node] is { } edge; node = edge.First)
        {
            cycle.Add(edge);
        }

        cycle.Reverse();
        cycle.Insert(0, start);
        return cycle;
    }

    private static RuleFinding Finding(List<Edge> cycle)
    {
        var chain = new System.Text.StringBuilder(cycle[0].First);
        foreach (var edge in cycle)
        {
            chain.Append(" → ").Append(edge.Then).Append(" (").Append(edge.Reason).Append(')');
        }

        // The unit to take out of the default ordering: one the worker orders itself whose defaults close the cycle.
        var defaults = cycle.Where(e => e.Kind == EdgeKind.Default).Select(e => e.Unit!).Distinct().ToList();
        var written = new HashSet<UnitFacts>(cycle.Where(e => e.Kind == EdgeKind.Written).Select(e => e.Unit!));
        var early = defaults.FirstOrDefault(written.Contains) ?? defaults.FirstOrDefault();
        var fix = early is null
            ? "remove one of these orderings"
            : $"set DefaultDependencies=no in [Unit] of {early.DisplayName} and order it explicitly (as early-boot units do), or remove one of these orderings";
        var origin = cycle.FirstOrDefault(e => e.Kind == EdgeKind.Written)?.Origin ?? cycle.First(e => e.Unit is not null).Unit!.NameOrigin;
        return new RuleFinding(RuleCatalog.OrderingCycle, origin, chain.ToString(), fix);
    }
}
