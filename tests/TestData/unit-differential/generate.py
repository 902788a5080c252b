#!/usr/bin/env python3
"""Writes the unit differential corpus: base unit files (and drop-ins) in the shape of the unit text public
CoreOS/Flatcar configs carry (our own text; README.md names each pattern and where it is common), and mutations of
each: misspelled directives, wrong sections, bad and good values of each value kind, line-structure edge cases.
Deterministic: same script, same files. Usage: generate.py OUTDIR

A case is a unit file CASE.EXT, with its drop-ins in CASE.EXT.d/ when the base has them. Mutations change the
base's *primary* file: the drop-in when there is one (that is where users write), else the unit."""
import importlib.util, os, re, shutil, sys

# The differential corpus's helper (assert the text is there, then replace) is reused, not copied.
_spec = importlib.util.spec_from_file_location("cloudconfig_generate", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "differential", "generate.py"))
_cloud = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cloud)
sub = _cloud.sub

# name -> (unit file suffix, {relative file: text}); the first drop-in, if any, is the primary file.
BASES = {
# Kubernetes installers of the CoreOS era (kubespray, Tectonic, Typhoon's first templates): a kubelet started in a
# container, stale container removed first (the '-' prefix ignores failure), optional environment files, flags
# continued over lines with backslashes, restarted for ever.
"kubelet": ("service", {"": """[Unit]
Description=Kubernetes kubelet (docker)
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target docker.service
Requires=docker.service

[Service]
EnvironmentFile=/etc/environment
EnvironmentFile=-/etc/kubernetes/kubelet.env
Environment=KUBELET_IMAGE=registry.example/kubelet:v1.30.1
ExecStartPre=/usr/bin/mkdir -p /etc/kubernetes/manifests /var/lib/kubelet
ExecStartPre=-/usr/bin/docker rm -f kubelet
ExecStart=/usr/bin/docker run --name kubelet --net=host --pid=host --privileged \\
  -v /etc/kubernetes:/etc/kubernetes:ro \\
  -v /var/lib/kubelet:/var/lib/kubelet:rshared \\
  ${KUBELET_IMAGE} kubelet \\
  --config=/var/lib/kubelet/config.yaml \\
  --hostname-override=${COREOS_PRIVATE_IPV4}
ExecStop=-/usr/bin/docker stop kubelet
Restart=always
RestartSec=10
TimeoutStartSec=0

[Install]
WantedBy=multi-user.target
"""}),
# Container Linux's etcd-member.service configured by a drop-in (coreos docs, Tectonic, matchbox examples): quoted
# Environment= words, the stock command reset with an empty ExecStart= and replaced.
"etcd-member": ("service", {".d/40-etcd-cluster.conf": """[Unit]
Requires=coreos-metadata.service
After=coreos-metadata.service

[Service]
EnvironmentFile=/run/metadata/coreos
Environment="ETCD_IMAGE_TAG=v3.5.12"
Environment="ETCD_NAME=node1" "ETCD_DATA_DIR=/var/lib/etcd"
Environment="ETCD_SSL_DIR=/etc/ssl/etcd"
ExecStart=
ExecStart=/usr/lib/coreos/etcd-wrapper $ETCD_OPTS \\
  --listen-client-urls=https://${COREOS_PRIVATE_IPV4}:2379 \\
  --advertise-client-urls=https://${COREOS_PRIVATE_IPV4}:2379
""", "": """[Unit]
Description=etcd (System Application Container)
Wants=network-online.target
After=network-online.target

[Service]
Type=notify
Restart=on-failure
RestartSec=10s
TimeoutStartSec=0
LimitNOFILE=40000
ExecStart=/usr/lib/coreos/etcd-wrapper $ETCD_OPTS

[Install]
WantedBy=multi-user.target
"""}),
# flanneld drop-ins of coreos-vagrant and Kubernetes-on-CoreOS guides: the network config written to etcd with a
# JSON document in single quotes, a symlink made before start.
"flanneld": ("service", {".d/50-network-config.conf": """[Service]
ExecStartPre=/usr/bin/etcdctl set /coreos.com/network/config '{ "Network": "10.2.0.0/16", "Backend": { "Type": "vxlan" } }'
ExecStartPre=/usr/bin/ln -sf /etc/flannel/options.env /run/flannel/options.env
""", "": """[Unit]
Description=flannel overlay network
After=etcd-member.service

[Service]
Type=notify
Restart=always
RestartSec=5
ExecStart=/usr/bin/flanneld --ip-masq=true
"""}),
# docker.service drop-ins (deis, Kubernetes guides, homelabs): options in Environment= with several quoted words,
# the mount namespace and limits of the daemon, flannel ordering.
"docker": ("service", {".d/10-options.conf": """[Unit]
Requires=flanneld.service
After=flanneld.service

[Service]
Environment="DOCKER_OPTS=--insecure-registry 10.0.0.0/8 --log-opt max-size=50m" "DOCKER_OPT_BIP=--bip=10.1.0.1/24"
EnvironmentFile=-/run/flannel/flannel_docker_opts.env
MountFlags=slave
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
""", "": """[Unit]
Description=Docker Application Container Engine
After=containerd.service docker.socket network-online.target
Wants=network-online.target
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/dockerd --host=fd:// $DOCKER_OPTS $DOCKER_OPT_BIP
ExecReload=/bin/kill -s HUP $MAINPID
KillMode=process
Restart=on-failure

[Install]
WantedBy=multi-user.target
"""}),
# fleet-scheduled templates (coreos docs "Launching containers with fleet", deis, sidekicks): %i, %p, %H and %m
# specifiers, docker run/stop, the [X-Fleet] section systemd skips.
"web@": ("service", {"": """[Unit]
Description=Web frontend %i on %H
After=docker.service
Requires=docker.service
Wants=web-discovery@%i.service

[Service]
TimeoutStartSec=0
EnvironmentFile=/etc/environment
ExecStartPre=-/usr/bin/docker kill %p-%i
ExecStartPre=-/usr/bin/docker rm %p-%i
ExecStartPre=/usr/bin/docker pull nginx:1.25
ExecStart=/usr/bin/docker run --rm --name %p-%i -p ${COREOS_PUBLIC_IPV4}:80%i:80 -e MACHINE=%m nginx:1.25
ExecStop=/usr/bin/docker stop %p-%i

[X-Fleet]
Conflicts=web@*.service
MachineMetadata=role=web
"""}),
# PaaS app units (deis, coreos-deploy, hkjn-style docker units): KillMode=none, start limits in [Service] (the
# pre-v230 place), a shell wrapper with $(...) and $$, restart on failure after 5s.
"app": ("service", {"": """[Unit]
Description=Production API server
After=docker.service etcd-member.service
Requires=docker.service

[Service]
Restart=on-failure
RestartSec=5s
StartLimitInterval=60s
StartLimitBurst=3
TimeoutStartSec=0
KillMode=none
EnvironmentFile=/etc/environment
ExecStartPre=-/usr/bin/docker kill api
ExecStartPre=-/usr/bin/docker rm api
ExecStartPre=/usr/bin/docker pull registry.example/api:latest
ExecStart=/usr/bin/bash -c "/usr/bin/docker run --name api -p 9100:9100 \\
  -e DB=$$(etcdctl get /services/db) registry.example/api:latest"
ExecStop=/usr/bin/docker stop -t 10 api
"""}),
# First-boot oneshots (Ignition/cloud-config "setup" units, disk formatting, OEM scripts): several commands,
# conditions with '!' and '|', comments with '#' and ';', output to the console.
"setup": ("service", {"": """# formats the data disk once
[Unit]
Description=Format the data disk
; only when it has no file system yet
ConditionPathExists=!/var/lib/setup.done
ConditionFirstBoot=|yes
ConditionPathExists=|/dev/disk/by-label/DATA
DefaultDependencies=no
Before=local-fs-pre.target

[Service]
Type=oneshot
RemainAfterExit=yes
StandardOutput=journal+console
ExecStart=/usr/sbin/wipefs -a /dev/sdb
ExecStart=/usr/sbin/mkfs.ext4 -L DATA /dev/sdb
ExecStart=/usr/bin/touch /var/lib/setup.done
"""}),
# Timers replacing cron on Container Linux (coreos docs "Scheduling tasks with systemd timers", homelabs): a
# calendar event, persistence, randomized delay; the service it starts.
"backup": ("timer", {"": """[Unit]
Description=Nightly backup

[Timer]
OnCalendar=*-*-* 03:00:00
Persistent=true
RandomizedDelaySec=15min
AccuracySec=1min
Unit=backup.service

[Install]
WantedBy=timers.target
"""}),
# Mount units of Flatcar/Typhoon/giantswarm templates: a labelled disk at /var/lib/docker, ordered before docker.
"mnt": ("mount", {"": """[Unit]
Description=Data disk
Before=docker.service

[Mount]
What=/dev/disk/by-label/DATA
Where=@WHERE@
Type=ext4
Options=defaults,noatime
TimeoutSec=30s

[Install]
RequiredBy=local-fs.target
"""}),
# Homelab NFS automounts: idle timeout, WantedBy remote-fs.target.
"nas": ("automount", {"": """[Unit]
Description=NAS share on demand

[Automount]
Where=@WHERE@
TimeoutIdleSec=10min
DirectoryMode=0755

[Install]
WantedBy=remote-fs.target
"""}),
# Socket activation (coreos docs "Enable the Docker remote API", docker-tcp.socket in coreos-vagrant).
"docker-tcp": ("socket", {"": """[Unit]
Description=Docker Socket for the API

[Socket]
ListenStream=2375
BindIPv6Only=both
Service=docker.service
SocketMode=0660
Backlog=128

[Install]
WantedBy=sockets.target
"""}),
# Native daemons (containerd, etcd binaries, kubelet without docker in Typhoon/Lokomotive/kubeadm): Type=notify,
# cgroup delegation, rlimits, OOM and CPU settings, the kubeadm drop-in style of flags in Environment=.
"containerd": ("service", {"": """[Unit]
Description=containerd container runtime
After=network.target local-fs.target

[Service]
Type=notify
Delegate=yes
KillMode=process
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd --config /etc/containerd/config.toml
Restart=always
RestartSec=5
LimitNOFILE=1048576
LimitNPROC=infinity
LimitCORE=infinity
LimitMEMLOCK=65536:65536
TasksMax=infinity
OOMScoreAdjust=-999
MemoryLimit=4G
CPUShares=1024
Nice=-5
IOSchedulingClass=best-effort
IOSchedulingPriority=2

[Install]
WantedBy=multi-user.target
"""}),
# Hardened homelab services (Prometheus exporters, Caddy, Home Assistant helpers): a user, sandboxing, paths.
"exporter": ("service", {"": """[Unit]
Description=Node exporter
Documentation=https://prometheus.io/docs/guides/node-exporter/
After=network-online.target

[Service]
User=exporter
Group=exporter
WorkingDirectory=-/var/lib/exporter
ExecStart=/opt/bin/node_exporter --web.listen-address=:9100 --collector.textfile.directory=/var/lib/exporter
ProtectSystem=strict
ProtectHome=true
PrivateTmp=yes
NoNewPrivileges=true
ReadWritePaths=/var/lib/exporter
CapabilityBoundingSet=CAP_NET_BIND_SERVICE
AmbientCapabilities=CAP_NET_BIND_SERVICE
SyslogIdentifier=node-exporter
StandardError=inherit
UMask=0027
RuntimeMaxSec=1d

[Install]
WantedBy=multi-user.target
"""}),
# Path units (config reloaders in homelabs and Kubernetes certificate rotation helpers).
"certs": ("path", {"": """[Unit]
Description=Reload when certificates change

[Path]
PathChanged=/etc/ssl/private/server.pem
PathExistsGlob=/etc/ssl/private/*.pem
Unit=nginx-reload.service
MakeDirectory=yes

[Install]
WantedBy=multi-user.target
"""}),
# Container Linux's own update units reshaped by users (locksmithd, update-engine stop units): boolean spellings,
# virtualization conditions, optional environment file.
"locksmith": ("service", {"": """[Unit]
Description=Cluster reboot manager
Requires=update-engine.service
After=update-engine.service
ConditionVirtualization=!container
ConditionPathExists=!/usr/.noupdate

[Service]
CPUShares=16
MemoryLimit=32M
PrivateDevices=true
EnvironmentFile=-/usr/share/coreos/update.conf
EnvironmentFile=-/etc/coreos/update.conf
ExecStart=/usr/lib/locksmith/locksmithd
Restart=always
RestartSec=10s

[Install]
WantedBy=multi-user.target
"""}),
}

# Mutations of every base's primary file: (suffix, function of the text).
def misspell(text):
    """Swaps two letters of the first directive of the primary file's last section (Enviroment-style typos)."""
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        m = re.match(r"^([A-Za-z]{4,})=", lines[i])
        if m:
            k = m.group(1)
            lines[i] = k[:2] + k[3] + k[2] + k[4:] + lines[i][len(k):]
            return "\n".join(lines)
    raise AssertionError("no directive")

def first_key_line(text):
    return next(l for l in text.split("\n") if re.match(r"^[A-Za-z]+=", l))

def last_section(text):
    return re.findall(r"^\[([A-Za-z-]+)\]$", text, re.M)[-1]

GENERIC = [
    ("misspelled", misspell),
    ("lowercase-key", lambda t: t.replace(first_key_line(t), first_key_line(t)[0].lower() + first_key_line(t)[1:], 1)),
    ("section-typo", lambda t: t.replace("[" + last_section(t) + "]", "[" + last_section(t)[:-1] + "]", 1)),
    ("section-lowercase", lambda t: t.replace("[" + last_section(t) + "]", "[" + last_section(t).lower() + "]", 1)),
    ("before-section", lambda t: "Description=before any section\n" + t),
    ("vendor-section", lambda t: t + "\n[X-Vendor]\nOwner=ops\n"),
    ("vendor-key", lambda t: t.replace("[" + last_section(t) + "]\n", "[" + last_section(t) + "]\nX-Managed-By=ansible\n", 1)),
    ("spaces-around-equals", lambda t: t.replace(first_key_line(t), first_key_line(t).replace("=", " = ", 1), 1)),
    ("indented-keys", lambda t: "\n".join(("  " + l if re.match(r"^[A-Za-z]+=", l) else l) for l in t.split("\n"))),
    ("comments", lambda t: "# managed by config management\n; do not edit\n" + t.replace("\n\n", "\n# section break\n\n")),
    ("trailing-spaces", lambda t: t.replace(first_key_line(t), first_key_line(t) + "   ", 1)),
    ("tabs", lambda t: t.replace(first_key_line(t), first_key_line(t).replace("=", "=\t", 1), 1)),
    ("no-final-newline", lambda t: t.rstrip("\n")),
    ("duplicate-section", lambda t: t + "\n[" + last_section(t) + "]\n"),
    ("unknown-key-in-unit", lambda t: t + "\n[Unit]\nRequire=network.target\n"),
]

def setkey(text, section, key, value):
    """Replaces the first KEY= of [SECTION] with KEY=VALUE, or adds it at the end of the section (the section is
    added when missing)."""
    header = "[" + section + "]"
    if header not in text:
        return text.rstrip("\n") + "\n\n" + header + "\n" + key + "=" + value + "\n"
    start = text.index(header) + len(header) + 1
    nxt = re.search(r"^\[", text[start:], re.M)
    end = start + nxt.start() if nxt else len(text)
    body = text[start:end]
    m = re.search(r"^" + re.escape(key) + r"=.*$", body, re.M)
    if m:
        body = body[:m.start()] + key + "=" + value + body[m.end():]
    else:
        body = body.rstrip("\n") + "\n" + key + "=" + value + "\n" + ("\n" if nxt else "")
    return text[:start] + body + text[end:]

# Value mutations: (base, suffix, section, key, value); the value replaces the key's first line or is added.
S = "Service"
VALUES = [
    # time spans (parse_sec): units, spaces, fractions, infinity, bare numbers; typos and negatives
    ("kubelet", "timespan-unitless", S, "RestartSec", "10"),
    ("kubelet", "timespan-spaced", S, "RestartSec", "1min 30s"),
    ("kubelet", "timespan-glued", S, "RestartSec", "1m30s"),
    ("kubelet", "timespan-fraction", S, "RestartSec", "1.5s"),
    ("kubelet", "timespan-words", S, "RestartSec", "2 minutes"),
    ("kubelet", "timespan-infinity", S, "TimeoutStartSec", "infinity"),
    ("kubelet", "timespan-zero", S, "TimeoutStartSec", "0"),
    ("kubelet", "timespan-bad-unit", S, "RestartSec", "5secs"),
    ("kubelet", "timespan-negative", S, "RestartSec", "-5s"),
    ("kubelet", "timespan-text", S, "RestartSec", "five"),
    ("kubelet", "timespan-comment", S, "RestartSec", "10 # seconds"),
    ("app", "timespan-ms", S, "RestartSec", "500ms"),
    ("app", "timespan-usec", S, "TimeoutStopSec", "90000000us"),
    ("app", "timespan-hours", S, "RuntimeMaxSec", "12h"),
    ("exporter", "timespan-day-week", S, "RuntimeMaxSec", "1w 2d"),
    ("exporter", "timespan-month", S, "RuntimeMaxSec", "1month"),
    ("exporter", "timespan-year", S, "RuntimeMaxSec", "1y"),
    ("exporter", "timespan-capital", S, "RuntimeMaxSec", "1D"),
    # calendar events (calendar_spec_from_string)
    ("backup", "calendar-daily", "Timer", "OnCalendar", "daily"),
    ("backup", "calendar-weekday", "Timer", "OnCalendar", "Mon..Fri 09:00"),
    ("backup", "calendar-step", "Timer", "OnCalendar", "*:0/10"),
    ("backup", "calendar-list", "Timer", "OnCalendar", "*-*-* 6,18:00"),
    ("backup", "calendar-timezone", "Timer", "OnCalendar", "Sun 04:00 UTC"),
    ("backup", "calendar-weekly", "Timer", "OnCalendar", "weekly"),
    ("backup", "calendar-minutely", "Timer", "OnCalendar", "minutely"),
    ("backup", "calendar-hour-25", "Timer", "OnCalendar", "*-*-* 25:00"),
    ("backup", "calendar-words", "Timer", "OnCalendar", "every day"),
    ("backup", "calendar-day-typo", "Timer", "OnCalendar", "Mnday 03:00"),
    ("backup", "calendar-cron", "Timer", "OnCalendar", "0 3 * * *"),
    ("backup", "calendar-last-day", "Timer", "OnCalendar", "*-*~01 00:00"),
    ("backup", "calendar-seconds-step", "Timer", "OnCalendar", "*-*-* *:*:0/15"),
    ("backup", "calendar-feb-30", "Timer", "OnCalendar", "*-02-30 00:00"),
    ("backup", "timer-boot", "Timer", "OnBootSec", "15min"),
    ("backup", "timer-unit-active", "Timer", "OnUnitActiveSec", "1h"),
    ("backup", "timer-accuracy-bad", "Timer", "AccuracySec", "1 minute ago"),
    ("backup", "timer-unit-not-unit", "Timer", "Unit", "backup"),
    # booleans (parse_boolean)
    ("setup", "bool-true", S, "RemainAfterExit", "true"),
    ("setup", "bool-on", S, "RemainAfterExit", "on"),
    ("setup", "bool-one", S, "RemainAfterExit", "1"),
    ("setup", "bool-y", S, "RemainAfterExit", "y"),
    ("setup", "bool-upper", S, "RemainAfterExit", "YES"),
    ("setup", "bool-typo", S, "RemainAfterExit", "yess"),
    ("setup", "bool-enabled", S, "RemainAfterExit", "enabled"),
    ("backup", "bool-persistent-bad", "Timer", "Persistent", "always"),
    ("setup", "condition-bool-negated", "Unit", "ConditionFirstBoot", "!yes"),
    ("setup", "condition-bool-bad", "Unit", "ConditionFirstBoot", "|maybe"),
    # enums, with the aliases systemd accepts
    ("kubelet", "enum-restart-on-failure", S, "Restart", "on-failure"),
    ("kubelet", "enum-restart-on-abnormal", S, "Restart", "on-abnormal"),
    ("kubelet", "enum-restart-underscore", S, "Restart", "on_failure"),
    ("kubelet", "enum-restart-capital", S, "Restart", "Always"),
    ("kubelet", "enum-restart-typo", S, "Restart", "allways"),
    ("kubelet", "enum-restart-bool", S, "Restart", "yes"),
    ("kubelet", "enum-restart-comment", S, "Restart", "always # for ever"),
    ("kubelet", "enum-type-notify", S, "Type", "notify"),
    ("kubelet", "enum-type-exec", S, "Type", "exec"),
    ("kubelet", "enum-type-typo", S, "Type", "simpel"),
    ("kubelet", "enum-type-forked", S, "Type", "forked"),
    ("app", "enum-killmode-process", S, "KillMode", "process"),
    ("app", "enum-killmode-mixed", S, "KillMode", "mixed"),
    ("app", "enum-killmode-typo", S, "KillMode", "proccess"),
    ("setup", "enum-stdout-syslog", S, "StandardOutput", "syslog"),
    ("setup", "enum-stdout-syslog-console", S, "StandardOutput", "syslog+console"),
    ("setup", "enum-stdout-file", S, "StandardOutput", "file:/var/log/setup.log"),
    ("setup", "enum-stdout-append", S, "StandardOutput", "append:/var/log/setup.log"),
    ("setup", "enum-stdout-file-relative", S, "StandardOutput", "file:setup.log"),
    ("setup", "enum-stdout-typo", S, "StandardOutput", "jornal"),
    ("setup", "enum-stdout-null", S, "StandardOutput", "null"),
    ("setup", "enum-stdout-tty", S, "StandardOutput", "tty"),
    ("exporter", "enum-stderr-journal", S, "StandardError", "journal"),
    ("exporter", "enum-stderr-fd", S, "StandardError", "fd:stderr"),
    ("exporter", "enum-protectsystem-bool", S, "ProtectSystem", "true"),
    ("exporter", "enum-protectsystem-full", S, "ProtectSystem", "full"),
    ("exporter", "enum-protectsystem-typo", S, "ProtectSystem", "strickt"),
    ("exporter", "enum-protecthome-ro", S, "ProtectHome", "read-only"),
    ("exporter", "enum-protecthome-off", S, "ProtectHome", "off"),
    ("exporter", "enum-protecthome-typo", S, "ProtectHome", "readonly"),
    ("exporter", "enum-privatetmp-true", S, "PrivateTmp", "true"),
    ("exporter", "enum-notifyaccess-all", S, "NotifyAccess", "all"),
    ("exporter", "enum-notifyaccess-typo", S, "NotifyAccess", "any"),
    ("containerd", "enum-ioclass-number", S, "IOSchedulingClass", "2"),
    ("containerd", "enum-ioclass-typo", S, "IOSchedulingClass", "besteffort"),
    ("containerd", "enum-cpusched-batch", S, "CPUSchedulingPolicy", "batch"),
    ("containerd", "enum-cpusched-typo", S, "CPUSchedulingPolicy", "realtime"),
    ("exporter", "enum-sysloglevel-number", S, "SyslogLevel", "6"),
    ("exporter", "enum-sysloglevel-name", S, "SyslogLevel", "warning"),
    ("exporter", "enum-sysloglevel-typo", S, "SyslogLevel", "warn"),
    ("exporter", "enum-facility-local0", S, "SyslogFacility", "local0"),
    ("exporter", "enum-facility-typo", S, "SyslogFacility", "local9"),
    ("docker-tcp", "enum-bindipv6-default", "Socket", "BindIPv6Only", "default"),
    ("docker-tcp", "enum-bindipv6-typo", "Socket", "BindIPv6Only", "ipv6"),
    ("app", "enum-successaction-reboot", "Unit", "SuccessAction", "reboot"),
    ("app", "enum-failureaction-typo", "Unit", "FailureAction", "restart"),
    ("app", "enum-jobmode-typo", "Unit", "OnFailureJobMode", "replace-irreversible"),
    ("locksmith", "enum-collectmode", "Unit", "CollectMode", "inactive-or-failed"),
    ("app", "enum-oompolicy-typo", S, "OOMPolicy", "terminate"),
    ("exporter", "enum-keyring-typo", S, "KeyringMode", "public"),
    ("app", "enum-exittype-cgroup", S, "ExitType", "cgroup"),
    # sizes (parse_size) and percentages
    ("containerd", "size-memorymax", S, "MemoryMax", "2G"),
    ("containerd", "size-memorymax-fraction", S, "MemoryMax", "1.5G"),
    ("containerd", "size-memorymax-percent", S, "MemoryMax", "80%"),
    ("containerd", "size-memorymax-infinity", S, "MemoryMax", "infinity"),
    ("containerd", "size-memorymax-bytes", S, "MemoryMax", "1073741824"),
    ("containerd", "size-memorymax-gb", S, "MemoryMax", "2GB"),
    ("containerd", "size-memorymax-lowercase", S, "MemoryMax", "2g"),
    ("containerd", "size-memorymax-text", S, "MemoryMax", "lots"),
    ("containerd", "size-memorylimit-bad", S, "MemoryLimit", "4 gigs"),
    ("containerd", "size-memoryhigh-percent-over", S, "MemoryHigh", "150%"),
    # ranges and weights
    ("containerd", "range-nice-max", S, "Nice", "19"),
    ("containerd", "range-nice-over", S, "Nice", "20"),
    ("containerd", "range-oom-min", S, "OOMScoreAdjust", "-1000"),
    ("containerd", "range-oom-over", S, "OOMScoreAdjust", "1001"),
    ("containerd", "range-cpushares-zero", S, "CPUShares", "0"),
    ("containerd", "range-cpuweight", S, "CPUWeight", "100"),
    ("containerd", "range-cpuweight-zero", S, "CPUWeight", "0"),
    ("containerd", "range-cpuweight-idle", S, "CPUWeight", "idle"),
    ("containerd", "range-cpuquota", S, "CPUQuota", "50%"),
    ("containerd", "range-cpuquota-no-percent", S, "CPUQuota", "50"),
    ("containerd", "range-cpuquota-over-100", S, "CPUQuota", "200%"),
    ("containerd", "range-ioprio-over", S, "IOSchedulingPriority", "8"),
    ("containerd", "range-tasksmax-number", S, "TasksMax", "4096"),
    ("containerd", "range-tasksmax-percent", S, "TasksMax", "50%"),
    ("containerd", "range-tasksmax-text", S, "TasksMax", "many"),
    ("containerd", "range-startlimitburst-text", "Unit", "StartLimitBurst", "three"),
    # resource limits (rlimit_parse)
    ("containerd", "rlimit-nofile-infinity", S, "LimitNOFILE", "infinity"),
    ("containerd", "rlimit-nofile-soft-hard", S, "LimitNOFILE", "65536:524288"),
    ("containerd", "rlimit-nofile-unlimited", S, "LimitNOFILE", "unlimited"),
    ("containerd", "rlimit-nofile-negative", S, "LimitNOFILE", "-1"),
    ("containerd", "rlimit-nofile-soft-over-hard", S, "LimitNOFILE", "2048:1024"),
    ("containerd", "rlimit-memlock-size", S, "LimitMEMLOCK", "64M"),
    ("containerd", "rlimit-cpu-time", S, "LimitCPU", "1h"),
    ("containerd", "rlimit-rttime-time", S, "LimitRTTIME", "500ms"),
    ("containerd", "rlimit-core-zero", S, "LimitCORE", "0"),
    ("containerd", "rlimit-nice-negative", S, "LimitNICE", "-5"),
    ("containerd", "rlimit-nice-over", S, "LimitNICE", "50"),
    # socket addresses (socket_address_parse)
    ("docker-tcp", "listen-any-port", "Socket", "ListenStream", "0.0.0.0:2375"),
    ("docker-tcp", "listen-ipv6", "Socket", "ListenStream", "[::]:2375"),
    ("docker-tcp", "listen-unix", "Socket", "ListenStream", "/run/docker-api.sock"),
    ("docker-tcp", "listen-abstract", "Socket", "ListenStream", "@docker-api"),
    ("docker-tcp", "listen-hostname", "Socket", "ListenStream", "localhost:2375"),
    ("docker-tcp", "listen-port-over", "Socket", "ListenStream", "99999"),
    ("docker-tcp", "listen-port-zero", "Socket", "ListenStream", "0"),
    ("docker-tcp", "listen-relative", "Socket", "ListenStream", "run/docker.sock"),
    ("docker-tcp", "listen-vsock", "Socket", "ListenStream", "vsock:2:1234"),
    ("docker-tcp", "listen-datagram", "Socket", "ListenDatagram", "127.0.0.1:514"),
    ("docker-tcp", "listen-fifo-relative", "Socket", "ListenFIFO", "fifo"),
    ("docker-tcp", "socket-mode-bad", "Socket", "SocketMode", "0999"),
    ("docker-tcp", "socket-mode-symbolic", "Socket", "SocketMode", "rw-rw----"),
    ("docker-tcp", "socket-service-not-service", "Socket", "Service", "docker.socket"),
    ("docker-tcp", "socket-backlog-text", "Socket", "Backlog", "lots"),
    # exec lines: prefixes, relative paths, quoting, escapes, specifiers
    ("kubelet", "exec-prefix-at", S, "ExecStartPre", "@/usr/bin/docker docker-rm -f kubelet"),
    ("kubelet", "exec-prefix-plus", S, "ExecStartPre", "+/usr/bin/mkdir -p /etc/kubernetes"),
    ("kubelet", "exec-prefix-bang", S, "ExecStartPre", "!/usr/bin/mkdir -p /etc/kubernetes"),
    ("kubelet", "exec-prefix-bangbang", S, "ExecStartPre", "!!/usr/bin/mkdir -p /etc/kubernetes"),
    ("kubelet", "exec-prefix-colon", S, "ExecStartPre", ":/usr/bin/echo ${HOME}"),
    ("kubelet", "exec-prefix-combined", S, "ExecStartPre", "-+/usr/bin/docker rm -f kubelet"),
    ("kubelet", "exec-prefix-dash-space", S, "ExecStartPre", "- /usr/bin/docker rm -f kubelet"),
    ("kubelet", "exec-prefix-unknown", S, "ExecStartPre", "?/usr/bin/docker rm -f kubelet"),
    ("kubelet", "exec-relative", S, "ExecStartPre", "docker rm -f kubelet"),
    ("kubelet", "exec-relative-dotslash", S, "ExecStartPre", "./bin/prepare"),
    ("kubelet", "exec-quoted-whole", S, "ExecStartPre", "\"/usr/bin/docker image prune -af\""),
    ("kubelet", "exec-unterminated-quote", S, "ExecStartPre", "/bin/sh -c \"echo start"),
    ("kubelet", "exec-semicolon-word", S, "ExecStartPre", "/usr/bin/find /var/log -name *.gz -exec rm {} \\;"),
    ("kubelet", "exec-bad-escape", S, "ExecStartPre", "/bin/echo \\q"),
    ("kubelet", "exec-escape-newline", S, "ExecStartPre", "/usr/bin/printf a\\nb"),
    ("kubelet", "exec-empty-command", S, "ExecStop", "-"),
    ("kubelet", "exec-only-spaces-after-prefix", S, "ExecStop", "@"),
    ("kubelet", "exec-dollar-brace", S, "ExecStartPre", "/bin/echo ${NODE_IP} $NODE_NAME"),
    ("kubelet", "exec-dollar-dollar", S, "ExecStartPre", "/bin/sh -c 'echo $$PPID'"),
    ("web@", "spec-instance-hostname", S, "ExecStartPre", "/usr/bin/etcdctl set /web/%H/%i up"),
    ("web@", "spec-machine-boot", S, "ExecStartPre", "/bin/echo %m %b"),
    ("web@", "spec-unit-names", S, "ExecStartPre", "/bin/echo %n %N %p %P %I %j %J"),
    ("web@", "spec-paths", S, "ExecStartPre", "/bin/echo %t %S %C %L %E %h %u %U %g %G"),
    ("web@", "spec-percent-literal", S, "ExecStartPre", "/usr/bin/date +%%Y-%%m-%%d"),
    ("web@", "spec-date-unescaped", S, "ExecStartPre", "/usr/bin/date +%Y-%m-%d"),
    ("web@", "spec-unknown", S, "ExecStartPre", "/bin/echo %z"),
    ("web@", "spec-trailing-percent", S, "ExecStartPre", "/bin/echo 100%"),
    ("web@", "spec-in-description", "Unit", "Description", "Web %i at 100%"),
    ("web@", "spec-in-wants", "Unit", "Wants", "web-sidekick@%i.service"),
    ("web@", "spec-bad-in-wants", "Unit", "Wants", "web-sidekick@%z.service"),
    ("web@", "spec-env-file", S, "EnvironmentFile", "-/etc/web/%i.env"),
    # environment
    ("kubelet", "env-several-quoted", S, "Environment", "\"A=b c\" \"D=e\""),
    ("kubelet", "env-several-bare", S, "Environment", "A=1 B=2"),
    ("kubelet", "env-single-quoted", S, "Environment", "'OPTS=--a --b'"),
    ("kubelet", "env-empty-value", S, "Environment", "EMPTY="),
    ("kubelet", "env-no-equals", S, "Environment", "NOEQUALS"),
    ("kubelet", "env-digit-name", S, "Environment", "1ST=x"),
    ("kubelet", "env-dash-name", S, "Environment", "MY-VAR=x"),
    ("kubelet", "env-unterminated", S, "Environment", "\"A=unterminated"),
    ("kubelet", "env-escape", S, "Environment", "\"MSG=tab\\there\""),
    ("kubelet", "env-bad-escape", S, "Environment", "\"MSG=\\q\""),
    ("kubelet", "env-file-relative", S, "EnvironmentFile", "etc/kubelet.env"),
    ("kubelet", "env-file-optional-relative", S, "EnvironmentFile", "-kubelet.env"),
    ("kubelet", "env-unset", S, "UnsetEnvironment", "HTTP_PROXY"),
    ("kubelet", "env-passenv-bad", S, "PassEnvironment", "1BAD"),
    # paths and path prefixes
    ("exporter", "path-workdir-relative", S, "WorkingDirectory", "var/lib/exporter"),
    ("exporter", "path-workdir-home", S, "WorkingDirectory", "~"),
    ("exporter", "path-workdir-plain", S, "WorkingDirectory", "/var/lib/exporter"),
    ("exporter", "path-rw-optional", S, "ReadWritePaths", "-/var/lib/exporter /run/exporter"),
    ("exporter", "path-rw-relative", S, "ReadWritePaths", "var/lib/exporter"),
    ("exporter", "path-ro-plus", S, "ReadOnlyPaths", "+/etc"),
    ("exporter", "path-inaccessible", S, "InaccessiblePaths", "-/home"),
    ("exporter", "path-rootdirectory-relative", S, "RootDirectory", "srv/root"),
    ("exporter", "path-statedirectory-relative", S, "StateDirectory", "exporter"),
    ("exporter", "path-statedirectory-absolute", S, "StateDirectory", "/var/lib/exporter"),
    ("exporter", "path-pidfile-relative", S, "PIDFile", "run/exporter.pid"),
    ("setup", "condition-path-relative", "Unit", "ConditionPathExists", "var/lib/setup.done"),
    ("setup", "condition-path-bang-pipe", "Unit", "ConditionPathExists", "|!/var/lib/setup.done"),
    ("setup", "condition-virt", "Unit", "ConditionVirtualization", "!container"),
    ("setup", "condition-arch", "Unit", "ConditionArchitecture", "x86-64"),
    ("setup", "condition-kernel-cmdline", "Unit", "ConditionKernelCommandLine", "flatcar.first_boot"),
    ("setup", "assert-path", "Unit", "AssertPathIsDirectory", "/var/lib"),
    ("certs", "path-unit-bad", "Path", "Unit", "nginx-reload"),
    ("certs", "path-changed-relative", "Path", "PathChanged", "etc/ssl/private/server.pem"),
    ("certs", "path-mode-bad", "Path", "DirectoryMode", "888"),
    ("nas", "automount-mode-text", "Automount", "DirectoryMode", "rwx"),
    ("nas", "automount-idle-bad", "Automount", "TimeoutIdleSec", "ten minutes"),
    ("exporter", "mode-umask-bad", S, "UMask", "0999"),
    ("exporter", "mode-umask-short", S, "UMask", "22"),
    # users and capabilities
    ("exporter", "user-numeric", S, "User", "1000"),
    ("exporter", "user-with-group", S, "User", "exporter:exporter"),
    ("exporter", "user-space", S, "User", "node exporter"),
    ("exporter", "user-specifier", S, "User", "%i"),
    ("exporter", "cap-lowercase", S, "CapabilityBoundingSet", "cap_net_bind_service"),
    ("exporter", "cap-tilde", S, "CapabilityBoundingSet", "~CAP_SYS_ADMIN CAP_SYS_PTRACE"),
    ("exporter", "cap-unknown", S, "CapabilityBoundingSet", "CAP_NET_BIND"),
    ("exporter", "signal-kill-name", S, "KillSignal", "SIGINT"),
    ("exporter", "signal-kill-short", S, "KillSignal", "INT"),
    ("exporter", "signal-kill-number", S, "KillSignal", "2"),
    ("exporter", "signal-kill-typo", S, "KillSignal", "SIGKIL"),
    ("exporter", "exit-status-names", S, "SuccessExitStatus", "143 SIGTERM"),
    ("exporter", "exit-status-bad", S, "SuccessExitStatus", "300"),
    # unit names in dependencies and [Install]
    ("kubelet", "dep-several", "Unit", "After", "network-online.target docker.service containerd.service"),
    ("kubelet", "dep-no-suffix", "Unit", "After", "docker"),
    ("kubelet", "dep-template", "Unit", "Requires", "getty@.service"),
    ("kubelet", "dep-instance", "Unit", "Requires", "getty@tty1.service"),
    ("kubelet", "dep-bad-char", "Unit", "Wants", "my service.service"),
    ("kubelet", "dep-path", "Unit", "After", "/usr/lib/systemd/system/docker.service"),
    ("kubelet", "dep-requires-mounts", "Unit", "RequiresMountsFor", "/var/lib/kubelet /var/lib/docker"),
    ("kubelet", "dep-requires-mounts-relative", "Unit", "RequiresMountsFor", "var/lib/kubelet"),
    ("kubelet", "dep-onfailure", "Unit", "OnFailure", "notify-failure@%n.service"),
    ("kubelet", "install-wantedby-several", "Install", "WantedBy", "multi-user.target graphical.target"),
    ("kubelet", "install-wantedby-no-suffix", "Install", "WantedBy", "multi-user"),
    ("kubelet", "install-alias", "Install", "Alias", "k8s-node.service"),
    ("kubelet", "install-alias-other-type", "Install", "Alias", "k8s-node.target"),
    ("kubelet", "install-also", "Install", "Also", "kubelet-cleanup.timer"),
    ("kubelet", "install-defaultinstance", "Install", "DefaultInstance", "x"),
    ("kubelet", "slice-ok", S, "Slice", "kubepods.slice"),
    ("kubelet", "slice-not-slice", S, "Slice", "kubepods.service"),
    # deprecated and legacy directives kept by real configs
    ("app", "legacy-startlimit-unit", "Unit", "StartLimitIntervalSec", "60s"),
    ("app", "legacy-startlimit-bad", S, "StartLimitInterval", "a minute"),
    ("app", "legacy-permissions-start-only", S, "PermissionsStartOnly", "true"),
    ("app", "legacy-mountflags-shared", S, "MountFlags", "shared"),
    ("app", "legacy-mountflags-bad", S, "MountFlags", "rslave"),
    ("app", "legacy-blockio", S, "BlockIOWeight", "500"),
    ("app", "legacy-memorylimit-percent", S, "MemoryLimit", "50%"),
    ("app", "legacy-cpushares-big", S, "CPUShares", "262144"),
    ("app", "legacy-cpushares-over", S, "CPUShares", "262145"),
    ("docker", "delegate-controllers", S, "Delegate", "cpu memory pids"),
    ("docker", "delegate-bad-controller", S, "Delegate", "cpus"),
    ("docker", "mountflags-empty", S, "MountFlags", ""),
    ("docker", "mountflags-private", S, "MountFlags", "private"),
    ("docker", "dropin-execstart-no-reset", S, "ExecStart", "/usr/bin/dockerd --debug"),
    ("etcd-member", "dropin-type-change", S, "Type", "simple"),
    # mounts
    ("mnt", "mount-type-bad-char", "Mount", "Type", "ext 4"),
    ("mnt", "mount-options-spaces", "Mount", "Options", "defaults, noatime"),
    ("mnt", "mount-what-label", "Mount", "What", "LABEL=DATA"),
    ("mnt", "mount-what-nfs", "Mount", "What", "nas.lan:/export/data"),
    ("mnt", "mount-where-other", "Mount", "Where", "/var/lib/docker"),
    ("mnt", "mount-where-relative", "Mount", "Where", "var/lib/docker"),
    ("mnt", "mount-lazy-bad", "Mount", "LazyUnmount", "maybe"),
    ("nas", "automount-where-other", "Automount", "Where", "/mnt/other"),
]

# Line structure edge cases on the kubelet base (continuations, comments inside them, escapes at line ends).
def structure(text):
    yield "cont-comment-inside", sub(text, "  -v /var/lib/kubelet", "# a comment inside the continuation\n  -v /var/lib/kubelet")
    yield "cont-blank-inside", sub(text, "  -v /var/lib/kubelet", "\n  -v /var/lib/kubelet")
    yield "cont-double-backslash", sub(text, "--privileged \\\n", "--privileged \\\\\n")
    yield "cont-at-eof", text.rstrip("\n") + " \\\n"
    yield "cont-trailing-space", sub(text, "--privileged \\\n", "--privileged \\ \n")
    yield "cont-into-section", sub(text, "TimeoutStartSec=0\n", "TimeoutStartSec=0 \\\n")
    yield "cont-description", sub(text, "Description=Kubernetes kubelet (docker)", "Description=Kubernetes \\\n  kubelet")
    yield "semicolon-in-value", sub(text, "Description=Kubernetes kubelet (docker)", "Description=kubelet; the node agent")
    yield "hash-in-value", sub(text, "Description=Kubernetes kubelet (docker)", "Description=kubelet # node agent")
    yield "empty-value", sub(text, "Description=Kubernetes kubelet (docker)", "Description=")
    yield "no-equals", sub(text, "Restart=always", "Restart always")
    yield "empty-key", sub(text, "Restart=always", "=always")
    yield "key-with-space", sub(text, "Restart=always", "Restart Sec=10")
    yield "section-unclosed", sub(text, "[Install]", "[Install")
    yield "section-trailing-text", sub(text, "[Install]", "[Install] # enable")
    yield "section-spaces", sub(text, "[Install]", "[ Install ]")
    yield "only-comments", "# nothing here\n; nor here\n"
    yield "empty-file", ""
    yield "execstart-reset-in-unit", sub(text, "ExecStart=/usr/bin/docker run", "ExecStart=\nExecStart=/usr/bin/docker run")
    yield "execstart-twice", sub(text, "ExecStop=", "ExecStart=/usr/bin/docker logs -f kubelet\nExecStop=")
    yield "oneshot-restart-always", sub(text, "Restart=always", "Type=oneshot\nRestart=always")
    yield "oneshot-restart-on-failure", sub(text, "Restart=always", "Type=oneshot\nRestart=on-failure")
    yield "dbus-without-busname", sub(text, "Restart=always", "Type=dbus\nRestart=always")
    yield "no-execstart", re.sub(r"ExecStart=(.*\\\n)*.*\n", "", text)
    yield "timer-without-trigger", None

def cases():
    """(case name, unit suffix, {relative file: text}) for every case."""
    for base, (ext, files) in BASES.items():
        primary = next(iter(files))
        def variant(suffix, text, base=base, ext=ext, files=files, primary=primary):
            out = dict(files)
            out[primary] = text
            return name_of(base, suffix, ext), ext, out
        yield variant("as-is", files[primary])
        for suffix, f in GENERIC:
            yield variant(suffix, f(files[primary]))
    for base, suffix, section, key, value in VALUES:
        ext, files = BASES[base]
        primary = next(iter(files))
        # Drop-in bases take value mutations in the unit itself when the key is only there.
        target = primary if ("[" + section + "]") in files[primary] or len(files) == 1 else ""
        out = dict(files)
        out[target] = setkey(files[target], section, key, value)
        yield name_of(base, suffix, ext), ext, out
    ext, files = BASES["kubelet"]
    for suffix, text in structure(files[""]):
        if suffix == "timer-without-trigger":
            yield name_of("backup", suffix, "timer"), "timer", {"": "[Unit]\nDescription=no trigger\n\n[Timer]\nPersistent=true\n"}
            continue
        yield name_of("kubelet", suffix, ext), ext, {"": text}

def name_of(base, suffix, ext):
    if base.endswith("@"):
        return f"{base[:-1]}--{suffix}@.{ext}"
    if ext in ("mount", "automount"):
        # A mount's name is its Where= path: the case name becomes the last path component.
        return f"srv-{base}_{suffix.replace('-', '_')}.{ext}"
    return f"{base}--{suffix}.{ext}"

def where_of(name):
    return "/" + name[: name.rindex(".")].replace("-", "/")

def main(outdir):
    shutil.rmtree(outdir, ignore_errors=True)
    os.makedirs(outdir)
    n = 0
    for name, ext, files in cases():
        for rel, text in files.items():
            path = os.path.join(outdir, name + rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if "@WHERE@" in text:
                text = text.replace("@WHERE@", where_of(name))
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        n += 1
    print(n, "cases")

if __name__ == "__main__":
    main(sys.argv[1])
