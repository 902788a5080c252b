using System.IO.Compression;
using CoreosDsl.CloudConfig;
using CoreosDsl.Ignition;
using CoreosDsl.Rules;
using CoreosDsl.Systemd;

namespace CoreosDsl;

/// <summary>
/// Maps a worker's cloud-config tree to the Ignition config of the same machine on Flatcar: SSH keys to the
/// <c>core</c> user, units (a started unit becomes enabled, which needs [Install]: CDSL261), drop-ins, networkd units
/// to /etc/systemd/network, the host name to /etc/hostname, write_files to storage.files, update and locksmith
/// settings to /etc/flatcar/update.conf, users to passwd. What Ignition cannot express (fleet, etcd v2, commands
/// other than start, ...) is a CDSL262 warning naming the replacement.
/// </summary>
internal static class IgnitionMapping
{
    private static readonly HashSet<string> NetworkdSuffixes = new(StringComparer.Ordinal) { ".network", ".netdev", ".link" };

    /// <summary>The config and the findings of the mapping.</summary>
    public static (IgnitionConfig Config, List<RuleFinding> Findings) Map(ConfigMapping cloudConfig, IgnitionSpecVersion spec = IgnitionSpecVersion.V3_3_0)
    {
        var findings = new List<RuleFinding>();
        var config = IgnitionConfig.Create(spec, c =>
        {
            foreach (var (key, node) in cloudConfig)
            {
                switch (key)
                {
                    case "ssh_authorized_keys":
                        c.Passwd(p => p.User("core", u => u.SshAuthorizedKeys(Strings(node))));
                        break;
                    case "hostname" when node is ConfigScalar { Value.Length: > 0 } host:
                        c.Storage(s => s.File("/etc/hostname", f => f.Mode("0644").Overwrite().Contents(r => r.Inline(host.Value + "\n"))));
                        break;
                    case "write_files" when node is ConfigSequence files:
                        foreach (var file in files.OfType<ConfigMapping>())
                        {
                            MapFile(c, file, findings);
                        }

                        break;
                    case "users" when node is ConfigSequence users:
                        foreach (var user in users.OfType<ConfigMapping>())
                        {
                            MapUser(c, user, findings);
                        }

                        break;
                    case "coreos" when node is ConfigMapping coreos:
                        MapCoreos(c, coreos, findings);
                        break;
                    case "manage_etc_hosts":
                        findings.Add(NoForm("manage_etc_hosts", "write /etc/hosts with .WithIgnition(i => i.Storage(s => s.File(\"/etc/hosts\", ...)))"));
                        break;
                    default:
                        findings.Add(NoForm(key, "set it with .WithIgnition(...) in Ignition's terms"));
                        break;
                }
            }
        });
        return (config, findings);
    }

    private static void MapCoreos(IgnitionConfigBuilder c, ConfigMapping coreos, List<RuleFinding> findings)
    {
        var updateConf = new List<string>();
        foreach (var (key, node) in coreos)
        {
            switch (key)
            {
                case "units" when node is ConfigSequence units:
                    foreach (var unit in units.OfType<ConfigMapping>())
                    {
                        MapUnit(c, unit, findings);
                    }

                    break;
                case "update" when node is ConfigMapping update:
                    Add(updateConf, "GROUP", Scalar(update, "group"));
                    Add(updateConf, "SERVER", Scalar(update, "server"));
                    Add(updateConf, "REBOOT_STRATEGY", Scalar(update, "reboot_strategy"));
                    break;
                case "locksmith" when node is ConfigMapping locksmith:
                    // locksmithd reads /etc/flatcar/update.conf as its environment file.
                    Add(updateConf, "LOCKSMITHD_REBOOT_WINDOW_START", Scalar(locksmith, "window_start"));
                    Add(updateConf, "LOCKSMITHD_REBOOT_WINDOW_LENGTH", Scalar(locksmith, "window_length"));
                    Add(updateConf, "LOCKSMITHD_ENDPOINT", Scalar(locksmith, "endpoint"));
                    Add(updateConf, "LOCKSMITHD_GROUP", Scalar(locksmith, "group"));
                    Add(updateConf, "LOCKSMITHD_ETCD_CAFILE", Scalar(locksmith, "etcd_cafile"));
                    Add(updateConf, "LOCKSMITHD_ETCD_CERTFILE", Scalar(locksmith, "etcd_certfile"));
                    Add(updateConf, "LOCKSMITHD_ETCD_KEYFILE", Scalar(locksmith, "etcd_keyfile"));
                    Add(updateConf, "LOCKSMITHD_ETCD_USERNAME", Scalar(locksmith, "etcd_username"));
                    Add(updateConf, "LOCKSMITHD_ETCD_PASSWORD", Scalar(locksmith, "etcd_password"));
                    break;
                case "fleet" or "etcd" or "etcd2" or "flannel" or "oem":
                    findings.Add(IgnitionRules.CheckCoreosKey(key, "ignition.json")!);
                    break;
                default:
                    findings.Add(NoForm($"coreos.{key}", "set it with .WithIgnition(...) in Ignition's terms"));
                    break;
            }
        }

        if (updateConf.Count > 0)
        {
            var text = string.Concat(updateConf.Select(l => l + "\n"));
            c.Storage(s => s.File("/etc/flatcar/update.conf", f => f.Mode("0644").Overwrite().Contents(r => r.Inline(text))));
        }
    }

    private static void MapUnit(IgnitionConfigBuilder c, ConfigMapping entry, List<RuleFinding> findings)
    {
        var name = Scalar(entry, "name");
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var content = Scalar(entry, "content");
        var command = Scalar(entry, "command");
        if (NetworkdSuffixes.Contains(Path.GetExtension(name)))
        {
            // networkd units are files; systemd-networkd reads them at boot, no command is needed.
            if (!string.IsNullOrEmpty(content))
            {
                c.Storage(s => s.File("/etc/systemd/network/" + name, f => f.Mode("0644").Overwrite().Contents(r => r.Inline(content))));
            }

            return;
        }

        c.Systemd(s => s.Unit(name, u =>
        {
            if (!string.IsNullOrEmpty(content))
            {
                u.Contents(content);
            }

            if (Scalar(entry, "mask") == "true")
            {
                u.Mask();
            }

            var started = command == "start";
            if (Scalar(entry, "enable") == "true" || started)
            {
                u.Enabled();
            }

            if (started && !string.IsNullOrEmpty(content) && IgnitionRules.CheckStarted(Facts(name, command, content), "ignition.json " + name) is { } finding)
            {
                findings.Add(finding);
            }

            if (!string.IsNullOrEmpty(command) && !started)
            {
                findings.Add(NoForm($"{name}'s command: {command}",
                    "Ignition enables units and systemd starts them at boot; use UnitCommand.Start, or a oneshot unit that runs systemctl"));
            }

            if (entry.TryGet("drop_ins", out var dropIns) && dropIns is ConfigSequence list)
            {
                foreach (var dropIn in list.OfType<ConfigMapping>())
                {
                    if (Scalar(dropIn, "name") is { Length: > 0 } dropInName && Scalar(dropIn, "content") is { } dropInContent)
                    {
                        u.DropIn(dropInName, d => d.Contents(dropInContent));
                    }
                }
            }
        }));
    }

    /// <summary>The rules' model of a unit: its name, command and the lines of its content.</summary>
    private static UnitFacts Facts(string name, string? command, string content)
    {
        var unit = new UnitFacts(name, null, name) { Command = command };
        try
        {
            foreach (var section in UnitFileReader.ReadSections(content))
            {
                foreach (var line in section.Entries)
                {
                    unit.Lines.Add(new DirectiveFact(section.Name, line.Key, line.Value, name));
                }
            }
        }
        catch (FormatException)
        {
            unit.ContentKnown = false; // unreadable content is reported by the unit-content check
        }

        return unit;
    }

    private static void MapFile(IgnitionConfigBuilder c, ConfigMapping file, List<RuleFinding> findings)
    {
        var path = Scalar(file, "path");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var data = Decode(file);
        c.Storage(s => s.File(path, f =>
        {
            f.Overwrite().Mode(Scalar(file, "permissions") is { Length: > 0 } mode ? mode : "0644");
            f.Contents(r => r.Inline(data, compress: true));
            if (Scalar(file, "owner") is { Length: > 0 } owner)
            {
                var parts = owner.Split(':', 2);
                var group = parts.Length > 1 ? parts[1] : null;
                if (long.TryParse(parts[0], out var uid))
                {
                    f.User(u => u.Id(uid));
                }
                else
                {
                    f.User(u => u.Name(parts[0]));
                }

                if (group is { Length: > 0 })
                {
                    if (long.TryParse(group, out var gid))
                    {
                        f.Group(g => g.Id(gid));
                    }
                    else
                    {
                        f.Group(g => g.Name(group));
                    }
                }
            }
        }));
    }

    /// <summary>The bytes coreos-cloudinit would write for a write_files entry (base64 and gzip decoded).</summary>
    private static byte[] Decode(ConfigMapping file)
    {
        var content = Scalar(file, "content") ?? "";
        var encoding = Scalar(file, "encoding") ?? "";
        var isBinary = file.TryGet("content", out var node) && node is ConfigScalar { Tag: "!!binary" };
        var data = encoding.Contains("b64", StringComparison.Ordinal) || encoding.Contains("base64", StringComparison.Ordinal) || isBinary
            ? Convert.FromBase64String(content)
            : System.Text.Encoding.UTF8.GetBytes(content);
        if (encoding.StartsWith("gz", StringComparison.Ordinal))
        {
            using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            data = output.ToArray();
        }

        return data;
    }

    private static void MapUser(IgnitionConfigBuilder c, ConfigMapping user, List<RuleFinding> findings)
    {
        var name = Scalar(user, "name");
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        c.Passwd(p => p.User(name, u =>
        {
            foreach (var (key, node) in user)
            {
                var value = (node as ConfigScalar)?.Value;
                switch (key)
                {
                    case "name":
                        break;
                    case "passwd" when value is not null:
                        u.PasswordHash(value);
                        break;
                    case "ssh_authorized_keys":
                        u.SshAuthorizedKeys(Strings(node));
                        break;
                    case "gecos" when value is not null:
                        u.Gecos(value);
                        break;
                    case "homedir" when value is not null:
                        u.HomeDir(value);
                        break;
                    case "no_create_home":
                        u.NoCreateHome(value == "true");
                        break;
                    case "primary_group" when value is not null:
                        u.PrimaryGroup(value);
                        break;
                    case "groups":
                        u.Groups(Strings(node));
                        break;
                    case "no_user_group":
                        u.NoUserGroup(value == "true");
                        break;
                    case "system":
                        u.System(value == "true");
                        break;
                    case "no_log_init":
                        u.NoLogInit(value == "true");
                        break;
                    case "shell" when value is not null:
                        u.Shell(value);
                        break;
                    default:
                        findings.Add(NoForm($"users[{name}].{key}", "put the keys in sshAuthorizedKeys"));
                        break;
                }
            }
        }));
    }

    private static RuleFinding NoForm(string what, string replacement) => IgnitionRules.NoForm(what, replacement, "ignition.json");

    private static void Add(List<string> lines, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            lines.Add($"{name}={value}");
        }
    }

    private static IEnumerable<string> Strings(ConfigNode node) =>
        node is ConfigSequence list ? list.OfType<ConfigScalar>().Select(s => s.Value) : [];

    private static string? Scalar(ConfigMapping mapping, string key) =>
        mapping.TryGet(key, out var node) && node is ConfigScalar scalar ? scalar.Value : null;
}
