#!/usr/bin/env bash
# Incremental build benchmark: the time `dotnet build` takes after a one-line edit, in a definitions project (a copy
# of examples/LocalWorkers, which references the repository's sources and generator as the examples do) and in a
# plain `dotnet new console` app, on the same machine, rounds interleaved, median of N. Each round edits one line
# (a comment with the round number) and builds with --no-restore; the first build of each project is a warm-up.
# Target (issue 13): definitions project <= 2x the console app. Prints the load average too: on a shared machine
# both numbers grow, the ratio less so.
# Usage: tests/benchmarks/incremental-build.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rounds=${1:-5}
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The copy lives beside the examples so that its relative references to src/ and generators/ hold.
defs=$root/examples/.bench-incremental-$$
console=$(mktemp -d)/Console
trap 'rm -rf "$defs" "$(dirname "$console")"' EXIT
mkdir -p "$defs"
cp "$root"/examples/LocalWorkers/*.cs "$root"/examples/LocalWorkers/LocalWorkers.csproj "$defs/"
dotnet new console -o "$console" -n Console >/dev/null

build() { dotnet build "$1" --no-restore -v q -nologo -clp:NoSummary >/dev/null; }
dotnet restore "$defs" -v q >/dev/null && build "$defs"
dotnet restore "$console" -v q >/dev/null && build "$console"

edit() { echo "// edit $2" >> "$1"; }   # one new line per round: the compiler runs again, nothing else changes
seconds() { local t0 t1; t0=$(date +%s.%N); build "$1"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
d=(); c=()
for i in $(seq 1 "$rounds"); do
  edit "$defs/LocalWorker.cs" "$i"; d+=("$(seconds "$defs")")
  edit "$console/Program.cs" "$i"; c+=("$(seconds "$console")")
  echo "round $i: definitions ${d[-1]} s, console ${c[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
md=$(median "${d[@]}"); mc=$(median "${c[@]}")
echo "median: definitions project ${md} s, console app ${mc} s, ratio $(echo "scale=2; $md / $mc" | bc)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
