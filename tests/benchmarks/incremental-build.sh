#!/usr/bin/env bash
# Incremental build benchmark (issue 13): the time `dotnet build` takes after a one-line edit, in a definitions
# project as a user has it (created by `dotnet new coreosdsl-worker` from the packages, restored from a folder feed)
# and in a plain `dotnet new console` app, on the same machine, rounds interleaved. Each round appends one line (a
# comment with the round number) to a source file of each and builds it with --no-restore; the first build of each
# is a warm-up. Prints every round, the medians, the spread (min-max) and the load average, since on a shared
# machine both numbers grow. Target: definitions project <= 2x the console app.
#
# Usage: tests/benchmarks/incremental-build.sh [ROUNDS]       (default 7)
#   FEED=DIR  use packages already packed into DIR (dotnet pack src/packages/CoreosDsl.Packages.slnf -c Release -o DIR)
#             instead of packing this checkout first (which takes minutes).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rounds=${1:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_GENERATE_ASPNET_CERTIFICATE=false
# A home and a package cache of its own: a user's machine, and no stale CoreosDsl of the same version from earlier runs.
machine_packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
export DOTNET_CLI_HOME=$work/home NUGET_PACKAGES=$work/packages

feed=${FEED:-}
if [ -z "$feed" ]; then
  feed=$work/feed
  echo "packing this checkout into $feed ..."
  dotnet pack "$root/src/packages/CoreosDsl.Packages.slnf" -c Release -o "$feed" -v q -nologo >/dev/null
fi
feed=$(cd "$feed" && pwd)
cat > "$work/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="coreosdsl" value="$feed" />
    <add key="machine" value="$machine_packages" />
  </packageSources>
</configuration>
EOF

cd "$work"
dotnet new install "$(ls "$feed"/CoreosDsl.Templates.*.nupkg)" >/dev/null
dotnet new coreosdsl-worker -n Defs --worker-name edge-1 >/dev/null
dotnet new console -o Console -n Console >/dev/null
defs=$work/Defs/Defs
console=$work/Console

build() { dotnet build "$1" --no-restore -v q -nologo -clp:NoSummary >/dev/null; }
dotnet restore "$defs" -v q >/dev/null && build "$defs"
dotnet restore "$console" -v q >/dev/null && build "$console"

edit() { echo "// edit $2" >> "$1"; }   # one new line per round: the compiler runs again, nothing else changes
seconds() { local t0 t1; t0=$(date +%s.%N); build "$1"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
d=(); c=()
for i in $(seq 1 "$rounds"); do
  edit "$defs/Workers.cs" "$i"; d+=("$(seconds "$defs")")
  edit "$console/Program.cs" "$i"; c+=("$(seconds "$console")")
  printf 'round %d: definitions %.2f s, console %.2f s\n' "$i" "${d[-1]}" "${c[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
spread() { printf '%s\n' "$@" | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%.2f-%.2f", lo, hi}'; }
md=$(median "${d[@]}"); mc=$(median "${c[@]}")
printf 'median: definitions project %.2f s (%s), console app %.2f s (%s), ratio %.2f\n' \
  "$md" "$(spread "${d[@]}")" "$mc" "$(spread "${c[@]}")" "$(echo "scale=4; $md / $mc" | bc)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
