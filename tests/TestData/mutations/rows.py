# Writes mutations.jsonl: single-line edits of the examples, each with the input a real tool judges (verify.py).
# Edit the lists below, run `python3 rows.py && python3 verify.py`, and commit all three files.
import json
L = "examples/LocalWorkers/LocalWorker.cs"
S = "examples/Fleet/SharedUnits.cs"
F = "examples/Fleet/FleetWorkers.cs"
W = "examples/FlatcarWorkers/Workers.cs"
rows = []
def row(kind, file, find, replace, tool, input, note=""):
    rows.append({"id": f"{len(rows)+1:03d}", "kind": kind, "file": file, "find": find, "replace": replace,
                 "tool": tool, "input": input, "note": note})
def svc(body, name="app.service"):
    return {name: body}

# --- calendar events (systemd-analyze calendar) ---------------------------------------------------
cal_sites = [(L, 'OnCalendar("*-*-* 05:00:00")'), (S, '.OnCalendar("*-*-* 05:00:00")'), (W, 'OnCalendar("*-*-* 05:00:00")')]
cal_bad = [["*-*-* 25:00:00", "dialy", "Mon..Fry 05:00", "*-*-* 05:00:00:00"],
           ["*-*-* 05:61:00", "*-13-01 05:00:00", "*-*-* 5am", "Mon..Fri 5:00 pm"],
           ["*-*-* 05-00-00", "*-*-32 05:00:00", "every day 05:00", "05:00 tomorrow"]]
cal_good = [["daily", "Mon..Fri 05:00", "*-*-* 05:00:00 UTC", "Mon,Wed 05:00"],
            ["*:0/15", "Sat,Sun 04:30", "weekly", "*-*-1..7 05:00"],
            ["05:00", "Mon *-*-* 05:00:00", "hourly", "*-*-* 05,17:00"]]
for (file, find), bads, goods in zip(cal_sites, cal_bad, cal_good):
    for v in bads:
        row("mistake", file, find, find.replace("*-*-* 05:00:00", v), "calendar", v)
    for v in goods:
        row("valid", file, find, find.replace("*-*-* 05:00:00", v), "calendar", v)

# --- time spans (systemd-analyze timespan) ---------------------------------------------------------
for v in ["thirty", "30x", "-30", "30 sek", "1,5s", "30 s ago"]:
    row("mistake", L, '.RestartSec("30")', f'.RestartSec("{v}")', "timespan", v)
for v in ["30s", "1min 30s", "500ms", "1h30", "30sec", "infinity"]:
    row("valid", L, '.RestartSec("30")', f'.RestartSec("{v}")', "timespan", v)
row("mistake", W, ".RestartSec(TimeSpan.FromSeconds(10))", '.RestartSec("10 sekunden")', "timespan", "10 sekunden")
row("valid", W, ".RestartSec(TimeSpan.FromSeconds(10))", '.RestartSec("10 seconds")', "timespan", "10 seconds")
row("mistake", S, ".RandomizedDelaySec(TimeSpan.FromMinutes(30))", '.RandomizedDelaySec("30 minuten")', "timespan", "30 minuten")
row("valid", S, ".RandomizedDelaySec(TimeSpan.FromMinutes(30))", '.RandomizedDelaySec("30min")', "timespan", "30min")
row("valid", S, ".RestartSec(TimeSpan.FromSeconds(10)))", '.RestartSec("10 sec 5"))', "timespan", "10 sec 5", "a bare number after a unit is seconds")
row("mistake", S, ".RestartSec(TimeSpan.FromSeconds(10)))", '.RestartSec("10 sec 5 x"))', "timespan", "10 sec 5 x")

# --- SSH keys (ssh-keygen -l -f) -------------------------------------------------------------------
P = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA placeholder@example.com"
B = "AAAAC3NzaC1lZDI1NTE5AAAAIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
bad_keys = ["ssh-ed25519 placeholder@example.com", "ssh-rsa " + B + " placeholder@example.com",
            "ssh-ed25519 " + B[:-4] + " placeholder@example.com", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 placeholder@example.com",
            "ssh-ed2519 " + B + " placeholder@example.com", "ssh-ed25519 " + B + "AAAA placeholder@example.com",
            "ssh-ed25519 " + B[:30] + "!" + B[31:] + " placeholder@example.com"]
inputs = dict(l.rstrip("\n").split("\t", 1) for l in open("../ssh-keys/inputs.tsv") if not l.startswith("#"))
good_keys = [inputs[n] for n in ["real-ed25519", "real-rsab2048", "real-ecdsab256", "sk-ed25519", "ed25519-base64-no-padding", "real-ecdsab521"]]
for file in [L, F, W]:
    for k in bad_keys:
        row("mistake", file, P, k, "ssh-keygen", k)
for i, k in enumerate(good_keys):
    row("valid", [L, F, W][i % 3], P, k, "ssh-keygen", k)

# --- URLs in Uri fields and arguments (Python urllib.parse.urlsplit: http/https, a host, a valid port, no spaces) ---
E1 = "http://etcdcluster1.example.com:4001"
for v in ["http://etcd cluster1.example.com:4001", "etcdcluster1.example.com:4001", "ftp://etcdcluster1.example.com:4001", "http//etcdcluster1.example.com:4001", "http://etcdcluster1.example.com:400011"]:
    row("mistake", L, f'new("{E1}")', f'new("{v}")', "url", v)
for v in ["https://etcdcluster1.example.com:2379", "http://10.0.0.1:4001", "http://[fd00::1]:4001", "http://etcd-1.example.com"]:
    row("valid", L, f'new("{E1}")', f'new("{v}")', "url", v)
C = "http://config.example.com/cloud-config.yml"
for v in ["config.example.com/cloud-config.yml", "htp://config.example.com/cloud-config.yml", "http://config.example.com:port/cloud-config.yml"]:
    row("mistake", L, f'new("{C}")', f'new("{v}")', "url", v)
row("valid", L, f'new("{C}")', 'new("https://config.example.com/cloud-config.yml?v=1")', "url", "https://config.example.com/cloud-config.yml?v=1")
T = "https://downloads.example.com/tool/1.0/tool"
for v in ["https://downloads example.com/tool/1.0/tool", "downloads.example.com/tool/1.0/tool"]:
    row("mistake", W, f'new("{T}")', f'new("{v}")', "url", v)
I = "http://config.example.com/flatcar-worker/ignition.json"
for v in ["config.example.com/flatcar-worker/ignition.json", "http://config.example.com:99999/flatcar-worker/ignition.json", "http://config_example com/flatcar-worker/ignition.json"]:
    row("mistake", W, f'new Uri("{I}")', f'new Uri("{v}")', "url", v)
row("valid", W, f'new Uri("{I}")', 'new Uri("https://config.example.com:8443/flatcar-worker/ignition.json")', "url", "https://config.example.com:8443/flatcar-worker/ignition.json")

# --- unit references and unit settings (systemd-analyze verify) -----------------------------------------
MNT = "[Mount]\nWhat=LABEL=DOCKER\nWhere=/var/lib/docker\nType=btrfs\n"
LS = "[Unit]\nRequires=update-engine.service\n[Service]\nExecStart=/usr/lib/locksmith/locksmithd\n"
row("mistake", L, '.Requires("update-engine.service")', '.Requires("update-engin.service")', "verify", svc(LS.replace("update-engine", "update-engin"), "locksmithd.service"))
row("mistake", L, '.Requires("update-engine.service")', '.Requires("update_engine")', "verify", svc(LS.replace("update-engine.service", "update_engine"), "locksmithd.service"))
row("valid", L, '.Requires("update-engine.service")', '.Requires("dev-disk-by\\\\x2dlabel-DOCKER.device")', "verify", svc(LS.replace("update-engine.service", "dev-disk-by\\x2dlabel-DOCKER.device"), "locksmithd.service"))
row("valid", L, '.Requires("update-engine.service")', '.Requires("update-engine.service", "docker.service")', "verify", svc(LS.replace("update-engine.service", "update-engine.service docker.service"), "locksmithd.service"))
row("mistake", L, '.Existing("fleet.service", UnitCommand.Start)', '.Existing("flet.service", UnitCommand.Start)', "verify", svc("[Unit]\nRequires=flet.service\n[Service]\nExecStart=/bin/true\n", "start.service"))
row("mistake", L, '.Existing("fleet.service", UnitCommand.Start)', '.Existing("fleet.servce", UnitCommand.Start)', "verify", svc("[Unit]\nRequires=fleet.servce\n[Service]\nExecStart=/bin/true\n", "start.service"))
row("valid", L, '.Existing("fleet.service", UnitCommand.Start)', '.Existing("getty@tty1.service", UnitCommand.Start)', "verify", svc("[Unit]\nRequires=getty@tty1.service\n[Service]\nExecStart=/bin/true\n", "start.service"))
row("mistake", L, '.Before("var-lib-docker.mount"))', '.Before("var-lib-docker"))', "verify", svc("[Unit]\nBefore=var-lib-docker\n[Service]\nExecStart=/usr/sbin/wipefs -f /dev/sda\n", "format-ephemeral.service"))
row("mistake", S, '.Requires("docker.service")', '.Requires("dockr.service")', "verify", svc("[Unit]\nRequires=dockr.service\n[Service]\nExecStart=/usr/bin/docker run node-exporter\n", "node-exporter.service"))
row("mistake", S, '.Requires("docker.service", exporter.Name.Value)', '.Requires("docker.srvice", exporter.Name.Value)', "verify", svc("[Unit]\nRequires=docker.srvice\n[Service]\nExecStart=/usr/bin/docker run ingress\n", "ingress.service"))
row("mistake", S, '.Before("docker.service"))', '.Before("docker"))', "verify", svc(MNT.replace("[Mount]", "[Unit]\nBefore=docker\n[Mount]"), "var-lib-docker.mount"))
row("mistake", W, '.Requires("update-engine.service")', '.Requires("update-engine.socket")', "verify", svc(LS.replace("update-engine.service", "update-engine.socket"), "locksmithd.service"))
row("valid", W, '.Requires("update-engine.service")', '.Wants("update-engine.service")', "verify", svc(LS.replace("Requires=", "Wants="), "locksmithd.service"))
for file, find in [(L, '.Where("/var/lib/docker")'), (S, '.Where("/var/lib/docker")'), (W, '.Where("/var/lib/docker")')]:
    row("mistake", file, find, '.Where("var/lib/docker")', "verify", svc(MNT.replace("Where=/", "Where="), "var-lib-docker.mount"))
for file, find in [(L, '.Mount("var-lib-docker.mount", UnitCommand.Start'), (S, 'Units.Mount("var-lib-docker.mount"'), (W, '.Mount("var-lib-docker.mount", UnitCommand.Start')]:
    row("mistake", file, find, find.replace("docker.mount", "dockr.mount"), "verify", svc(MNT, "var-lib-dockr.mount"), "the name does not match Where=")
row("mistake", W, '.Mount("var-lib-data.mount"', '.Mount("var-lib-date.mount"', "verify", svc("[Mount]\nWhat=/dev/disk/by-label/DATA\nWhere=/var/lib/data\nType=ext4\n", "var-lib-date.mount"), "the name does not match Where=")
row("valid", L, '.What("LABEL=DOCKER")', '.What("/dev/disk/by-label/DOCKER")', "verify", svc(MNT.replace("LABEL=DOCKER", "/dev/disk/by-label/DOCKER"), "var-lib-docker.mount"))
row("valid", S, '.What("LABEL=DOCKER")', '.What("UUID=0b7c8e2a-4f1d-4a52-9f57-2f4e3c1d7a10")', "verify", svc(MNT.replace("LABEL=DOCKER", "UUID=0b7c8e2a-4f1d-4a52-9f57-2f4e3c1d7a10"), "var-lib-docker.mount"))
row("valid", W, '.Where("/var/lib/data")', '.Where("/var/lib/data/")', "verify", svc("[Mount]\nWhat=/dev/disk/by-label/DATA\nWhere=/var/lib/data/\nType=ext4\n", "var-lib-data.mount"))

# exec lines, paths, specifiers
for file in [L, W]:
    row("mistake", file, '.ExecStart("/usr/lib/locksmith/locksmithd")', '.ExecStart("usr/lib/locksmith/locksmithd")', "verify", svc("[Service]\nExecStart=usr/lib/locksmith/locksmithd\n", "locksmithd.service"))
    row("mistake", file, '.ExecStart("/usr/lib/locksmith/locksmithd")', '.ExecStart("/usr/lib/locksmith/locksmithd --endpoint=\'http://etcd:2379")', "verify", svc("[Service]\nExecStart=/usr/lib/locksmith/locksmithd --endpoint='http://etcd:2379\n", "locksmithd.service"))
row("valid", L, '.ExecStart("/usr/lib/locksmith/locksmithd")', '.ExecStart("-/usr/lib/locksmith/locksmithd")', "verify", svc("[Service]\nExecStart=-/usr/lib/locksmith/locksmithd\n", "locksmithd.service"))
row("valid", W, '.ExecStart("/usr/lib/locksmith/locksmithd")', '.ExecStart("@/usr/lib/locksmith/locksmithd locksmithd")', "verify", svc("[Service]\nExecStart=@/usr/lib/locksmith/locksmithd locksmithd\n", "locksmithd.service"))
row("valid", L, '.ExecStart("/usr/lib/locksmith/locksmithd")', '.ExecStart("/usr/lib/locksmith/locksmithd --name=%n")', "verify", svc("[Service]\nExecStart=/usr/lib/locksmith/locksmithd --name=%n\n", "locksmithd.service"))
row("mistake", S, '.ExecStop("/usr/bin/docker stop node-exporter")', '.ExecStop("/usr/bin/docker stop \\"node-exporter")', "verify", svc("[Service]\nExecStart=/usr/bin/docker run node-exporter\nExecStop=/usr/bin/docker stop \"node-exporter\n", "node-exporter.service"))
row("valid", S, '.ExecStartPre("-/usr/bin/docker rm -f node-exporter")', '.ExecStartPre("-+/usr/bin/docker rm -f node-exporter")', "verify", svc("[Service]\nExecStartPre=-+/usr/bin/docker rm -f node-exporter\nExecStart=/usr/bin/docker run node-exporter\n", "node-exporter.service"))
row("valid", S, '.Description("Prometheus node exporter")', '.Description("Prometheus node exporter at 100%")', "verify", svc("[Unit]\nDescription=Prometheus node exporter at 100%\n[Service]\nExecStart=/usr/bin/docker run node-exporter\n", "node-exporter.service"), "a '%' at the end stays as written")
row("mistake", S, '.Description("Prometheus node exporter")', '.Description("Prometheus node exporter on %x")', "verify", svc("[Unit]\nDescription=Prometheus node exporter on %x\n[Service]\nExecStart=/usr/bin/docker run node-exporter\n", "node-exporter.service"))
row("valid", S, '.Description("Prometheus node exporter")', '.Description("Prometheus node exporter on %H, 100%% local")', "verify", svc("[Unit]\nDescription=Prometheus node exporter on %H, 100%% local\n[Service]\nExecStart=/usr/bin/docker run node-exporter\n", "node-exporter.service"))
row("mistake", L, '.EnvironmentFile("/usr/share/coreos/update.conf", optional: true)', '.EnvironmentFile("usr/share/coreos/update.conf", optional: true)', "verify", svc("[Service]\nEnvironmentFile=-usr/share/coreos/update.conf\nExecStart=/usr/lib/locksmith/locksmithd\n", "locksmithd.service"))
row("mistake", W, '.EnvironmentFile("/etc/flatcar/update.conf", optional: true)', '.EnvironmentFile("etc/flatcar/update.conf", optional: true)', "verify", svc("[Service]\nEnvironmentFile=-etc/flatcar/update.conf\nExecStart=/usr/lib/locksmith/locksmithd\n", "locksmithd.service"))

# service settings systemd refuses
for file, find in [(L, ".PrivateDevices(true)"), (W, ".PrivateDevices(true)"), (S, ".CPUWeight(50)")]:
    row("mistake", file, find, find + '.User("core:core")', "verify", svc("[Service]\nUser=core:core\nExecStart=/bin/true\n"))
row("valid", L, ".PrivateDevices(true)", '.PrivateDevices(true).User("core")', "verify", svc("[Service]\nUser=core\nExecStart=/bin/true\n"))
row("valid", W, ".PrivateDevices(true)", '.PrivateDevices(true).User("1000")', "verify", svc("[Service]\nUser=1000\nExecStart=/bin/true\n"))
row("valid", S, ".CPUWeight(50)", '.CPUWeight(50).WorkingDirectory("-/var/lib/node-exporter")', "verify", svc("[Service]\nWorkingDirectory=-/var/lib/node-exporter\nExecStart=/bin/true\n"))
row("valid", S, ".CPUWeight(200)", '.CPUWeight(200).WorkingDirectory("~")', "verify", svc("[Service]\nUser=core\nWorkingDirectory=~\nExecStart=/bin/true\n"))
row("mistake", S, ".CPUWeight(200)", '.CPUWeight(200).WorkingDirectory("~/ingress")', "verify", svc("[Service]\nWorkingDirectory=~/ingress\nExecStart=/bin/true\n"))
ONESHOT = "[Service]\nType=oneshot\nRestart=always\nExecStart=/bin/true\n"
row("mistake", W, ".Type(ServiceType.Oneshot)", ".Type(ServiceType.Oneshot).Restart(ServiceRestart.Always)", "verify", svc(ONESHOT, "update-window.service"))
row("mistake", S, ".RemainAfterExit(true)", ".RemainAfterExit(true).Restart(ServiceRestart.Always)", "verify", svc(ONESHOT, "format-ephemeral.service"))
row("mistake", L, ".Type(ServiceType.Oneshot)", ".Type(ServiceType.Oneshot).Restart(ServiceRestart.OnSuccess)", "verify", svc(ONESHOT.replace("always", "on-success"), "format-ephemeral.service"))
row("valid", L, ".Type(ServiceType.Oneshot)", ".Type(ServiceType.Oneshot).Restart(ServiceRestart.OnFailure)", "verify", svc(ONESHOT.replace("always", "on-failure"), "format-ephemeral.service"))
row("mistake", S, ".CPUWeight(50)", ".CPUWeight(0)", "verify", svc("[Service]\nCPUWeight=0\nExecStart=/bin/true\n"))
row("mistake", W, ".CPUWeight(16)", ".CPUWeight(10001)", "verify", svc("[Service]\nCPUWeight=10001\nExecStart=/bin/true\n"))
row("valid", W, ".CPUWeight(16)", ".CPUWeight(10000)", "verify", svc("[Service]\nCPUWeight=10000\nExecStart=/bin/true\n"))
row("mistake", S, ".MemoryMax(ByteSize.MiB(64))", '.MemoryMax("64 MiB")', "verify", svc("[Service]\nMemoryMax=64 MiB\nExecStart=/bin/true\n"))
row("valid", S, ".MemoryMax(ByteSize.MiB(64))", '.MemoryMax("64M")', "verify", svc("[Service]\nMemoryMax=64M\nExecStart=/bin/true\n"))
row("valid", S, ".MemoryMax(ByteSize.MiB(256))", '.MemoryMax("25%")', "verify", svc("[Service]\nMemoryMax=25%\nExecStart=/bin/true\n"))

# drop-ins added where the worker adds a shared unit
DI = '.Add(exporter, UnitCommand.Start, e => e.Enable(true))'
EXP = "[Service]\nExecStart=/usr/bin/docker run node-exporter\n"
def dropin(content):
    cs = content.replace("\n", "\\n")
    return f'.Add(exporter, UnitCommand.Start, e => e.Enable(true).DropIns(d => d.Add(x => x.Name("10-port.conf").Content("{cs}"))))'
row("mistake", F, DI, dropin("[Service]\nExecStart=/usr/bin/docker run node-exporter --port=9101\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Service]\nExecStart=/usr/bin/docker run node-exporter --port=9101\n"})
row("mistake", F, DI, dropin("[Servcie]\nMemoryMax=128M\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Servcie]\nMemoryMax=128M\n"})
row("mistake", F, DI, dropin("[Service]\nMemoryMx=128M\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Service]\nMemoryMx=128M\n"})
row("mistake", F, DI, dropin("[Service]\nTimeoutStartSec=forever\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Service]\nTimeoutStartSec=forever\n"})
row("valid", F, DI, dropin("[Service]\nExecStart=\nExecStart=/usr/bin/docker run node-exporter --port=9101\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Service]\nExecStart=\nExecStart=/usr/bin/docker run node-exporter --port=9101\n"})
row("valid", F, DI, dropin("[Service]\nMemoryMax=128M\nX-Owner=ops\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Service]\nMemoryMax=128M\nX-Owner=ops\n"})
row("valid", F, DI, dropin("[Unit]\nAfter=network-online.target\nWants=network-online.target\n"), "verify", {"node-exporter.service": EXP, "node-exporter.service.d/10-port.conf": "[Unit]\nAfter=network-online.target\nWants=network-online.target\n"})

with open("mutations.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows:", sum(r["kind"] == "mistake" for r in rows), "mistakes,", sum(r["kind"] == "valid" for r in rows), "valid")
