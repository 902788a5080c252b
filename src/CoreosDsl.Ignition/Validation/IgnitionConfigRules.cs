using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CoreosDsl.Go;

namespace CoreosDsl.Ignition.Validation;

/// <summary>
/// The rules of Ignition's config types (config/v3_*/types in Ignition 2.14) over a decoded config, in the order
/// Ignition walks its structs, then its duplicate check (<c>ValidateDups</c>). Messages are Ignition's; each entry
/// adds the fix.
/// </summary>
internal static partial class IgnitionConfigRules
{
    public static void Run(ConfigNode config, string version, EntrySink emit)
    {
        var order = IgnitionSpecVersions.Order(version);
        var rules = new Rules(emit, order, order == IgnitionSpecVersions.Experimental34);
        rules.Ignition(config.Obj("ignition"));
        // Users and groups: Ignition checks nothing of them but duplicates.
        rules.Storage(config.Obj("storage"));
        rules.Systemd(config.Obj("systemd"));
        rules.Duplicates(config);
    }

    [GeneratedRegex("^(|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$")]
    private static partial Regex Guid();

    private sealed class Rules(EntrySink emit, int order, bool experimental)
    {
        // Positions of IgnitionSpecVersions.Supported: 3.3.0 is 3, 3.4.0-experimental 4, 3.4.0 5.
        private bool AtLeast(int position) => order >= position;

        private void E(ConfigNode node, string rule, string message, string fix, string? child = null) =>
            emit.At(IgnitionSeverity.Error, rule, node, message, fix, child);

        private void W(ConfigNode node, string rule, string message, string fix, string? child = null) =>
            emit.At(IgnitionSeverity.Warning, rule, node, message, fix, child);

        public void Ignition(ConfigNode ignition)
        {
            var config = ignition.Obj("config");
            var merges = config.List("merge");
            for (var i = 0; i < merges.Count; i++)
            {
                if (AtLeast(1))
                {
                    RequiredSource(merges[i], "merge a config from its URL: give source");
                }

                Resource(merges[i]);
            }

            Resource(config.Obj("replace"));
            var proxy = ignition.Obj("proxy");
            ProxyUrl(proxy, "httpProxy", httpOk: true);
            ProxyUrl(proxy, "httpsProxy", httpOk: false);
            var cas = ignition.Obj("security").Obj("tls").List("certificateAuthorities");
            foreach (var ca in cas)
            {
                if (AtLeast(1))
                {
                    RequiredSource(ca, "a certificate authority is fetched from its source: give one");
                }

                Resource(ca);
            }
        }

        private void RequiredSource(ConfigNode resource, string fix)
        {
            if (!resource.NotEmpty("source"))
            {
                E(resource, "source", "source is required", fix);
            }
            else if (UrlProblem(resource.Str("source")!) is { } problem)
            {
                E(resource, "url", problem.Message, problem.Fix);
            }
        }

        private void ProxyUrl(ConfigNode proxy, string name, bool httpOk)
        {
            if (proxy.Str(name) is not { } url)
            {
                return;
            }

            var parts = GoUrl.Parse(url);
            if (parts is null)
            {
                E(proxy, "proxy", "unable to parse url", "write the proxy as http://HOST:PORT", name);
            }
            else if (parts.Scheme is not ("http" or "https"))
            {
                E(proxy, "proxy", "proxies must be http(s)", "write the proxy as http://HOST:PORT or https://HOST:PORT", name);
            }
            else if (parts.Scheme == "http" && !httpOk)
            {
                W(proxy, "proxy", "insecure plaintext HTTP proxy specified for HTTPS resources", "use an https:// proxy for httpsProxy, or accept that HTTPS requests go through a plaintext proxy", name);
            }
        }

        /// <summary>A resource: compression, verification, source URL, HTTP headers.</summary>
        private void Resource(ConfigNode resource)
        {
            if (resource.Str("compression") is { } compression && compression is not ("" or "gzip"))
            {
                E(resource, "compression", "invalid compression method", $"Ignition unpacks only gzip: write \"gzip\", or leave compression out for uncompressed contents (not \"{compression}\")", "compression");
            }

            var verification = resource.Obj("verification");
            if (verification.Has("hash") && !resource.Has("source"))
            {
                E(verification, "verification", "source must be specified if verification is specified", "verification checks fetched contents: give source, or drop verification", "hash");
            }

            if (resource.NotEmpty("source") && UrlProblem(resource.Str("source")!) is { } problem)
            {
                E(resource, problem.Rule, problem.Message, problem.Fix, "source");
            }

            var headers = resource.List("httpHeaders");
            if (headers.Count > 0)
            {
                var parts = resource.NotEmpty("source") ? GoUrl.Parse(resource.Str("source")!) : null;
                if (parts is null)
                {
                    E(resource, "url", "unable to parse url", "HTTP headers need an http(s) source", "httpHeaders");
                }
                else if (parts.Scheme is not ("http" or "https"))
                {
                    E(resource, "url", "cannot use HTTP headers with this source scheme", $"HTTP headers apply to http and https sources only, not {parts.Scheme}:", "httpHeaders");
                }
            }

            if (verification.Str("hash") is { } hash)
            {
                Hash(verification, hash);
            }

            foreach (var header in headers)
            {
                if (string.IsNullOrEmpty(header.Str("name")))
                {
                    E(header, "header", "HTTP header name can't be empty", "give the header a name, such as Authorization", "name");
                }

                if (header.Str("value") is "")
                {
                    E(header, "header", "unable to parse HTTP header", "give the header a value, or leave the header out", "value");
                }
            }
        }

        private void Hash(ConfigNode verification, string hash)
        {
            var dash = hash.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                E(verification, "hash", "malformed hash specifier", "write sha512-HEX or sha256-HEX", "hash");
                return;
            }

            var function = hash[..dash];
            // Spec 3.0.0 knows sha512 only; sha256 came with 3.1.0.
            var size = function switch { "sha512" => 128, "sha256" when AtLeast(1) => 64, _ => 0 };
            if (size == 0)
            {
                E(verification, "hash", "unrecognized hash function", AtLeast(1)
                    ? $"Ignition verifies sha512 and sha256 only: write sha512-HEX or sha256-HEX (not {function})"
                    : "spec 3.0.0 verifies sha512 only: write sha512-HEX, or raise ignition.version to 3.1.0 or later for sha256", "hash");
            }
            else if (Encoding.UTF8.GetByteCount(hash[(dash + 1)..]) != size)
            {
                E(verification, "hash", "incorrect size for hash sum", $"a {function} sum is {size} hexadecimal digits (sha512sum/sha256sum print it)", "hash");
            }
        }

        /// <summary>Ignition's validateURL: the schemes it fetches, an s3 versionId, a data URL it can read.</summary>
        private (string Rule, string Message, string Fix)? UrlProblem(string url)
        {
            var parts = GoUrl.Parse(url);
            if (parts is null)
            {
                return ("url", "unable to parse url", "percent-encode spaces, '%' and control characters, and check the host and port");
            }

            switch (parts.Scheme)
            {
                case "http" or "https" or "tftp" or "gs":
                    return null;
                case "s3":
                    return S3VersionIdEmpty(parts.RawQuery)
                        ? ("url", "invalid S3 object VersionId", "give versionId a value, or leave it out")
                        : null;
                case "arn" when AtLeast(IgnitionSpecVersions.Experimental34):
                    return !IgnitionFormats.IsS3ObjectArn(parts.Scheme + ":" + parts.Opaque)
                        ? ("url", "invalid S3 ARN format", "write arn:PARTITION:s3:::BUCKET/KEY or arn:PARTITION:s3:REGION:ACCOUNT:accesspoint/NAME/KEY")
                        : S3VersionIdEmpty(parts.RawQuery)
                            ? ("url", "invalid S3 object VersionId", "give versionId a value, or leave it out")
                            : null;
                case "data":
                    return DataUrl.Problem(url) is { } problem
                        ? ("data-url", problem, "write data:,TEXT with the text percent-encoded (as Butane does), or data:;base64,BASE64")
                        : null;
                case "arn":
                    return ("url", "invalid url scheme", "arn: S3 URLs need spec 3.4.0: raise ignition.version to 3.4.0 (WithIgnitionSpec(IgnitionSpecVersion.V3_4_0)), or write the s3://BUCKET/KEY URL");
                default:
                    return ("url", "invalid url scheme", $"Ignition fetches http, https, tftp, s3, gs{(AtLeast(IgnitionSpecVersions.Experimental34) ? ", arn" : "")} and data URLs{(parts.Scheme.Length == 0 ? "; this URL has no scheme" : $", not {parts.Scheme}:")}");
            }
        }

        private static bool S3VersionIdEmpty(string rawQuery)
        {
            foreach (var pair in rawQuery.Split('&'))
            {
                if (pair.Contains(';', StringComparison.Ordinal))
                {
                    continue;
                }

                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = eq >= 0 ? pair[..eq] : pair;
                if (key == "versionId")
                {
                    return (eq >= 0 ? pair[(eq + 1)..] : "").Length == 0;
                }
            }

            return false;
        }

        public void Storage(ConfigNode storage)
        {
            var directories = storage.List("directories");
            var files = storage.List("files");
            var links = storage.List("links");
            string PathOf(ConfigNode n) => n.Str("path") ?? "";

            foreach (var d in directories)
            {
                foreach (var l in links.Where(l => PathOf(d).StartsWith(PathOf(l) + "/", StringComparison.Ordinal)))
                {
                    E(d, "link", "directory path includes link in config", $"{PathOf(l)} is a link in this config; Ignition does not follow it: write the directory under the link's target");
                }
            }

            foreach (var f in files)
            {
                foreach (var l in links.Where(l => PathOf(f).StartsWith(PathOf(l) + "/", StringComparison.Ordinal)))
                {
                    E(f, "link", "file path includes link in config", $"{PathOf(l)} is a link in this config; Ignition does not follow it: write the file under the link's target");
                }
            }

            foreach (var l1 in links)
            {
                foreach (var l2 in links.Where(l2 => PathOf(l1).StartsWith(PathOf(l2) + "/", StringComparison.Ordinal)))
                {
                    E(l1, "link", "link path includes link in config", $"{PathOf(l2)} is a link in this config; write this link under its target");
                }

                var target = l1.Str("target");
                if (string.IsNullOrEmpty(target))
                {
                    if (AtLeast(3))
                    {
                        E(l1, "link", "link target is required", "give the link a target path", "target");
                    }

                    continue;
                }

                if (!l1.IsTrue("hard"))
                {
                    continue;
                }

                var resolved = IgnitionFormats.Clean(target.StartsWith('/') ? target : PathOf(l1) + "/" + target);
                if (directories.Any(d => PathOf(d) == resolved))
                {
                    E(l1, "link", "hard link target is a directory", "a hard link cannot point at a directory: make it a symbolic link (hard: false)");
                }
            }

            foreach (var d in directories)
            {
                NodePath(d);
                Mode(d, "0755");
                Owners(d);
            }

            foreach (var disk in storage.List("disks"))
            {
                Disk(disk);
            }

            foreach (var f in files)
            {
                NodePath(f);
                Mode(f, "0644");
                if (f.IsTrue("overwrite") && !f.Obj("contents").Has("source"))
                {
                    E(f, "overwrite", "overwrite must be false if source is unspecified", "give contents.source (a data: URL for text), or drop overwrite", "overwrite");
                }

                Resource(f.Obj("contents"));
                foreach (var a in f.List("append"))
                {
                    Resource(a);
                }

                Owners(f);
            }

            foreach (var fs in storage.List("filesystems"))
            {
                Filesystem(fs);
            }

            foreach (var l in links)
            {
                NodePath(l);
                Owners(l);
            }

            foreach (var luks in storage.List("luks"))
            {
                Luks(luks);
            }

            foreach (var raid in storage.List("raid"))
            {
                Raid(raid);
            }
        }

        private void NodePath(ConfigNode node) => PathRule(node, "path", node.Str("path") ?? "");

        /// <summary>Ignition's validatePath: set, absolute, and equal to its <c>path.Clean</c>.</summary>
        private void PathRule(ConfigNode node, string? field, string path)
        {
            if (path.Length == 0)
            {
                E(node, "path", "path not specified", "give an absolute path such as /etc/example.conf", field);
            }
            else if (!path.StartsWith('/'))
            {
                E(node, "path", "path not absolute", $"write \"{IgnitionFormats.Clean("/" + path)}\" (paths start with /)", field);
            }
            else if (IgnitionFormats.Clean(path) != path)
            {
                E(node, "path", "path is not fully simplified", $"write \"{IgnitionFormats.Clean(path)}\" (no //, ., .. or trailing /)", field);
            }
        }

        private void Mode(ConfigNode node, string usual)
        {
            if (node.Int("mode") is not { } mode)
            {
                return;
            }

            if (mode is < 0 or > 4095)
            {
                E(node, "mode", "illegal file mode", $"modes are decimal numbers of octal permissions: {Convert.ToInt32(usual, 8)} is {usual}", "mode");
            }

            // Ignition 2.14 warns before 3.4.0-experimental; Ignition 2.22 and later warn for 3.4.0 too (3.6.0 applies them).
            if (!experimental && ((uint)mode & 3584) != 0)
            {
                W(node, "mode", AtLeast(IgnitionSpecVersions.V34)
                    ? "setuid/setgid/sticky bits are not supported or functional in spec versions older than 3.6.0"
                    : "setuid/setgid/sticky bits are not supported in spec versions older than 3.4.0", "Ignition ignores them: drop them from the mode, or set them from a unit", "mode");
            }
        }

        private void Owners(ConfigNode node)
        {
            foreach (var owner in new[] { "user", "group" })
            {
                var o = node.Obj(owner);
                if (o.Has("id") && o.NotEmpty("name"))
                {
                    E(o, "owner", "cannot set both id and name", $"give the {owner} by id or by name, not both");
                }
            }
        }

        private void Disk(ConfigNode disk)
        {
            if (string.IsNullOrEmpty(disk.Str("device")))
            {
                E(disk, "disk", "disk device is required", "give the disk's device, such as /dev/sdb or /dev/disk/by-id/...", "device");
                return;
            }

            PathRule(disk, "device", disk.Str("device")!);
            var partitions = disk.List("partitions");
            var partitionsNode = disk.Fields.TryGetValue("partitions", out var p) ? p : disk;
            var numbers = new Dictionary<long, int>();
            for (var i = 0; i < partitions.Count; i++)
            {
                var n = partitions[i].Int("number") ?? 0;
                if (n != 0 && !numbers.TryAdd(n, i))
                {
                    E(partitions[i], "partition", "partition numbers collide", $"partition {n} is defined twice on this disk: give each partition its own number");
                    break;
                }
            }

            for (var index = 0; index < partitions.Count; index++)
            {
                if (Overlap(partitions, index) is { } other)
                {
                    E(partitions[other], "partition", "partitions overlap", "move startMiB or shrink sizeMiB so that the partitions do not share a MiB");
                    break;
                }
            }

            if (partitions.Any(x => x.IsFalse("shouldExist")) && partitions.Any(x => (x.Int("number") ?? 0) == 0))
            {
                E(partitionsNode, "partition", "shouldExist is false for a partition and other partition(s) has start or size 0", "give every partition a number when one of them is deleted");
            }

            var labels = new HashSet<string>(StringComparer.Ordinal);
            foreach (var x in partitions)
            {
                if (x.Str("label") is { } label && !labels.Add(label))
                {
                    E(x, "partition", "cannot use the same partition label twice", $"the label {label} is taken on this disk: give each partition its own label");
                    break;
                }
            }

            foreach (var x in partitions)
            {
                Partition(x);
            }
        }

        private static int? Overlap(IReadOnlyList<ConfigNode> partitions, int index)
        {
            var p = partitions[index];
            if (p.Int("startMiB") is not { } ps || p.Int("sizeMiB") is not { } psize || ps == 0)
            {
                return null;
            }

            var pend = psize == 0 ? ps : ps + psize - 1;
            for (var i = 0; i < partitions.Count; i++)
            {
                var o = partitions[i];
                if (i == index || o.Int("startMiB") is not { } os || o.Int("sizeMiB") is not { } osize || os == 0)
                {
                    continue;
                }

                var oend = osize == 0 ? os : os + osize - 1;
                if ((ps >= os && ps <= oend) || (pend >= os && pend <= oend) || (ps < os && pend > oend))
                {
                    return i;
                }
            }

            return null;
        }

        private void Partition(ConfigNode p)
        {
            if (p.IsFalse("shouldExist") && (p.Has("label") || p.NotEmpty("typeGuid") || p.NotEmpty("guid") || p.Has("startMiB") || p.Has("sizeMiB")))
            {
                E(p, "partition", "shouldExist specified false with other options also specified", "a partition to delete is named by its number only: drop label, guid, typeGuid, startMiB and sizeMiB");
            }

            if ((p.Int("number") ?? 0) == 0 && !p.Has("label"))
            {
                E(p, "partition", "a partition number >= 1 or a label must be specified", "give the partition a number (1, 2, ...) or a label");
            }

            if (p.Str("label") is { } label)
            {
                if (Encoding.UTF8.GetByteCount(label) > 36)
                {
                    E(p, "partition", "partition labels may not exceed 36 characters", "GPT labels hold 36 characters: shorten it", "label");
                }
                else if (label.Contains(':', StringComparison.Ordinal))
                {
                    E(p, "partition", "partition label will be truncated to text before the colon", "write the label without ':'", "label");
                }
            }

            foreach (var g in new[] { "guid", "typeGuid" })
            {
                if (p.Str(g) is { } guid && !Guid().IsMatch(guid))
                {
                    E(p, "partition", "doesn't match the form \"01234567-89AB-CDEF-EDCB-A98765432101\"", "write the GUID as 8-4-4-4-12 hexadecimal digits", g);
                }
            }
        }

        private void Filesystem(ConfigNode fs)
        {
            if (fs.NotEmpty("path"))
            {
                PathRule(fs, "path", fs.Str("path")!);
            }

            PathRule(fs, "device", fs.Str("device") ?? "");
            var format = fs.Str("format");
            var formats = AtLeast(3) ? new[] { "ext4", "btrfs", "xfs", "swap", "vfat", "none" } : ["ext4", "btrfs", "xfs", "swap", "vfat"];
            if (string.IsNullOrEmpty(format))
            {
                if (fs.NotEmpty("path") || fs.NotEmpty("label") || fs.NotEmpty("uuid") || fs.IsTrue("wipeFilesystem")
                    || (AtLeast(1) && fs.List("mountOptions").Count > 0) || fs.List("options").Count > 0)
                {
                    E(fs, "filesystem", "format cannot be empty when path, label, uuid, wipeFilesystem, options, or mountOptions is specified", $"give the format: {string.Join(", ", formats)}", "format");
                }
            }
            else if (!formats.Contains(format))
            {
                E(fs, "filesystem", "invalid filesystem format", $"Ignition makes {string.Join(", ", formats)} filesystems, not {format}", "format");
            }

            if (fs.Str("label") is { Length: > 0 } label)
            {
                var limit = format switch { "ext4" => 16, "btrfs" => 256, "xfs" => 12, "swap" => 15, "vfat" => 11, _ => int.MaxValue };
                if (string.IsNullOrEmpty(format))
                {
                    E(fs, "filesystem", "filesystem must specify format if label is specified", "give the format the label is for", "label");
                }
                else if (Encoding.UTF8.GetByteCount(label) > limit)
                {
                    E(fs, "filesystem", $"filesystem labels cannot be longer than {limit.ToString(CultureInfo.InvariantCulture)} characters when using {format}", "shorten the label", "label");
                }
            }
        }

        private void Luks(ConfigNode luks)
        {
            if ((luks.Str("name") ?? "").Contains('/', StringComparison.Ordinal))
            {
                E(luks, "luks", "device names cannot contain slashes", "the name becomes /dev/mapper/NAME: write it without '/'", "name");
            }

            if (luks.Str("label") is { } label && Encoding.UTF8.GetByteCount(label) > 47)
            {
                E(luks, "luks", "luks device labels cannot be longer than 47 characters", "shorten the label", "label");
            }

            if (!luks.NotEmpty("device"))
            {
                E(luks, "luks", "disk device is required", "give the device to encrypt, such as /dev/disk/by-partlabel/NAME", "device");
            }
            else
            {
                PathRule(luks, "device", luks.Str("device")!);
            }

            var clevis = luks.Obj("clevis");
            var custom = clevis.Obj("custom");
            if (custom.NotEmpty("pin") && (clevis.List("tang").Count > 0 || clevis.IsTrue("tpm2") || (clevis.Int("threshold") ?? 0) != 0))
            {
                E(luks, "clevis", "cannot use custom clevis config with tpm2, tang, or threshold", "use either clevis.custom or tpm2/tang/threshold", "clevis");
            }

            var keyFile = luks.Obj("keyFile");
            if (keyFile.NotEmpty("source") && UrlProblem(keyFile.Str("source")!) is not null)
            {
                E(luks, "luks", "invalid key-file source", "give keyFile.source as a data:, http(s), tftp, s3 or gs URL", "keys");
            }

            Resource(keyFile);
            if (custom.NotEmpty("pin") || custom.NotEmpty("config") || custom.IsTrue("needsNetwork"))
            {
                if (!custom.NotEmpty("pin"))
                {
                    E(custom, "clevis", "missing required custom clevis pin", "give pin: tpm2, tang or sss", "pin");
                }
                else if (custom.Str("pin") is not ("tpm2" or "tang" or "sss"))
                {
                    E(custom, "clevis", "unsupported clevis pin", "the pin is tpm2, tang or sss", "pin");
                }

                if (!custom.NotEmpty("config"))
                {
                    E(custom, "clevis", "missing required custom clevis config", "give the pin's JSON config", "config");
                }
            }

            foreach (var tang in clevis.List("tang"))
            {
                var parts = GoUrl.Parse(tang.Str("url") ?? "");
                if (parts is null)
                {
                    E(tang, "tang", "unable to parse url", "write the tang server's http(s) URL", "url");
                }
                else if (parts.Scheme is not ("http" or "https"))
                {
                    E(tang, "tang", "invalid url scheme", "a tang server is reached over http or https", "url");
                }

                if (!tang.NotEmpty("thumbprint"))
                {
                    E(tang, "tang", "thumbprint is required", "give the server key's thumbprint (tang-show-keys prints it)", "thumbprint");
                }

                if (AtLeast(IgnitionSpecVersions.V34) && tang.NotEmpty("advertisement") && !IsJson(tang.Str("advertisement")!))
                {
                    E(tang, "tang", "advertisement is not valid JSON", "give the advertisement as the server's JSON (curl TANG/adv prints it)", "advertisement");
                }
            }
        }

        private void Raid(ConfigNode raid)
        {
            var level = raid.Str("level");
            if (string.IsNullOrEmpty(level) && AtLeast(3))
            {
                E(raid, "raid", "raid level is required", "give the level: linear, raid0, raid1, raid4, raid5, raid6 or raid10", "level");
            }
            else
            {
                switch (level)
                {
                    case "linear" or "raid0" or "0" or "stripe":
                        if ((raid.Int("spares") ?? 0) != 0)
                        {
                            E(raid, "raid", "spares unsupported for linear and raid0 arrays", "drop spares, or use a level with redundancy", "level");
                        }

                        break;
                    case "raid1" or "1" or "mirror" or "raid4" or "4" or "raid5" or "5" or "raid6" or "6" or "raid10" or "10":
                        break;
                    default:
                        E(raid, "raid", "unrecognized raid level", "the level is linear, raid0, raid1, raid4, raid5, raid6 or raid10", "level");
                        break;
                }
            }

            var devices = raid.List("devices");
            if (devices.Count == 0)
            {
                E(raid, "raid", "raid devices required", "list the member devices", "devices");
            }

            foreach (var d in devices)
            {
                PathRule(d, null, d.Text ?? "");
            }
        }

        public void Systemd(ConfigNode systemd)
        {
            foreach (var unit in systemd.List("units"))
            {
                var name = unit.Str("name") ?? "";
                var ext = Extension(name);
                if (ext is not (".service" or ".socket" or ".device" or ".mount" or ".automount" or ".swap" or ".target" or ".path" or ".timer" or ".snapshot" or ".slice" or ".scope"))
                {
                    E(unit, "unit-name", "invalid systemd unit extension", "name the unit NAME.TYPE: .service, .socket, .mount, .timer, .path, .target, ...", "name");
                }

                IReadOnlyList<GoUnitOption>? options = [];
                if (unit.Str("contents") is { } contents)
                {
                    var (read, error) = GoSystemdUnitReader.Read(contents);
                    options = error is null ? read : null;
                    if (error is not null)
                    {
                        E(unit, "unit-contents", $"invalid unit content: {error}", "write sections as [Name] on their own line and settings as Key=Value", "contents");
                    }
                }

                if (unit.IsTrue("enabled") && unit.NotEmpty("contents") && options is not null && !options.Any(o => o.Section == "Install"))
                {
                    W(unit, "install-section", $"unit \"{name}\" is enabled, but has no install section so enable does nothing",
                        "add an [Install] section (WantedBy=multi-user.target), or drop enabled", "contents");
                }

                foreach (var dropIn in unit.List("dropins"))
                {
                    if (dropIn.Str("contents") is { } dropInContents && GoSystemdUnitReader.Read(dropInContents).Error is { } error)
                    {
                        E(dropIn, "unit-contents", $"invalid unit content: {error}", "write sections as [Name] on their own line and settings as Key=Value", "contents");
                    }

                    if (Extension(dropIn.Str("name") ?? "") != ".conf")
                    {
                        E(dropIn, "dropin-name", "invalid systemd drop-in extension", "systemd reads drop-ins named NAME.conf, such as 10-override.conf", "name");
                    }
                }
            }
        }

        // Go's json.Unmarshal into any: one JSON value, nothing after it.
        private static bool IsJson(string text)
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { MaxDepth = 10000 });
                return true;
            }
            catch (System.Text.Json.JsonException)
            {
                return false;
            }
        }

        // Go's path.Ext: the suffix from the last dot of the last element.
        private static string Extension(string name)
        {
            for (var i = name.Length - 1; i >= 0 && name[i] != '/'; i--)
            {
                if (name[i] == '.')
                {
                    return name[i..];
                }
            }

            return "";
        }

        /// <summary>
        /// ValidateDups: in each struct, every list's items by their key (path, device, name, ...; a string is its
        /// own key); files, directories and links share one list of paths, and kernel arguments one of arguments.
        /// </summary>
        public void Duplicates(ConfigNode config)
        {
            var ignition = config.Obj("ignition");
            Dups(ignition.Obj("config").List("merge"), r => r.Str("source") ?? "", "merge each config once");
            foreach (var r in AllResources(config))
            {
                Dups(r.List("httpHeaders"), h => h.Str("name") ?? "", "give each header once");
            }

            Dups(ignition.Obj("proxy").List("noProxy"), s => s.Text!, "list each host once");
            Dups(ignition.Obj("security").Obj("tls").List("certificateAuthorities"), r => r.Str("source") ?? "", "list each certificate authority once");
            var kargs = config.Obj("kernelArguments");
            Dups([.. kargs.List("shouldExist"), .. kargs.List("shouldNotExist")], s => s.Text!, "name each kernel argument once, in shouldExist or shouldNotExist");
            var passwd = config.Obj("passwd");
            Dups(passwd.List("groups"), g => g.Str("name") ?? "", "define each group once");
            Dups(passwd.List("users"), u => u.Str("name") ?? "", "define each user once: merge the two entries");
            foreach (var user in passwd.List("users"))
            {
                Dups(user.List("groups"), s => s.Text!, "list each group once");
                Dups(user.List("sshAuthorizedKeys"), s => s.Text!, "list each key once");
            }

            var storage = config.Obj("storage");
            Dups([.. storage.List("directories"), .. storage.List("files"), .. storage.List("links")], n => n.Str("path") ?? "",
                "a path is one file, directory or link: define it once");
            Dups(storage.List("disks"), d => d.Str("device") ?? "", "define each disk once: merge the partitions into one entry");
            foreach (var disk in storage.List("disks"))
            {
                Dups(disk.List("partitions"), p => (p.Int("number") ?? 0) != 0 ? $"number:{p.Int("number")}" : p.Str("label") is { } l ? $"label:{l}" : "",
                    "give each partition its own number or label");
            }

            Dups(storage.List("filesystems"), f => f.Str("device") ?? "", "make one filesystem per device");
            Dups(storage.List("luks"), l => l.Str("name") ?? "", "give each LUKS device its own name");
            foreach (var luks in storage.List("luks"))
            {
                Dups(luks.Obj("clevis").List("tang"), t => t.Str("url") ?? "", "list each tang server once");
                Dups(luks.List("openOptions"), s => s.Text!, "list each open option once");
            }

            Dups(storage.List("raid"), r => r.Str("name") ?? "", "give each array its own name");
            foreach (var raid in storage.List("raid"))
            {
                Dups(raid.List("devices"), s => s.Text!, "list each member device once");
            }

            var units = config.Obj("systemd").List("units");
            Dups(units, u => u.Str("name") ?? "", "define each unit once: merge the entries (drop-ins and contents in one)");
            foreach (var unit in units)
            {
                Dups(unit.List("dropins"), d => d.Str("name") ?? "", "give each drop-in its own name");
            }
        }

        private static IEnumerable<ConfigNode> AllResources(ConfigNode config)
        {
            var ignition = config.Obj("ignition");
            foreach (var r in ignition.Obj("config").List("merge"))
            {
                yield return r;
            }

            yield return ignition.Obj("config").Obj("replace");
            foreach (var r in ignition.Obj("security").Obj("tls").List("certificateAuthorities"))
            {
                yield return r;
            }

            foreach (var f in config.Obj("storage").List("files"))
            {
                yield return f.Obj("contents");
                foreach (var a in f.List("append"))
                {
                    yield return a;
                }
            }

            foreach (var l in config.Obj("storage").List("luks"))
            {
                yield return l.Obj("keyFile");
            }
        }

        private void Dups(IReadOnlyList<ConfigNode> items, Func<ConfigNode, string> key, string fix)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (!seen.Add(key(item)))
                {
                    E(item, "duplicate", "duplicate entry defined", fix);
                }
            }
        }
    }
}
