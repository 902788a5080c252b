#!/usr/bin/env bash
# Runs the tests that need no outside oracle, `dotnet test --filter "Category!=Oracle"`, on this machine as if it
# had nothing but the .NET SDK: in a private mount namespace (unshare; as root or with unprivileged user
# namespaces), PATH holds only `dotnet`, and the folders the oracles come from are empty (/usr/bin, /usr/sbin,
# syslinux, isolinux, dracut's ignition, the kernels in /boot), as is the repository's .cache/ of fixtures built by
# oracles. A test that still reaches for an oracle fails here; mark it [Trait("Category", "Oracle")].
#
# Usage: tests/without-oracles.sh [PROJECT-OR-SOLUTION] [dotnet test options...]
#   default: CoreosDsl.sln; build first (dotnet build CoreosDsl.sln), this runs with --no-build.
# Prints the wall time and the load average before and after.
set -euo pipefail
repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
target=${1:-$repo/CoreosDsl.sln}
[ $# -gt 0 ] && shift

if [ "${COREOSDSL_NO_ORACLES_INSIDE:-}" != 1 ]; then
  dotnet=$(readlink -f "$(command -v dotnet)")
  flag=(); [ "$(id -u)" = 0 ] || flag=(-r)
  exec unshare "${flag[@]}" -m env COREOSDSL_NO_ORACLES_INSIDE=1 COREOSDSL_DOTNET="$dotnet" \
    bash "$0" "$target" "$@"
fi

# Inside the namespace: make the mounts private, then hide every oracle (/usr/bin last: mount lives there).
cores=$(nproc)
dotnet_root=$(dirname "$COREOSDSL_DOTNET")
bin=$(mktemp -d)
ln -s "$COREOSDSL_DOTNET" "$bin/dotnet"
mount --make-rprivate /
for dir in /usr/sbin /usr/lib/syslinux /usr/lib/ISOLINUX /usr/lib/dracut /boot "$repo/.cache" /usr/bin; do
  if [ -d "$dir" ]; then mount -t tmpfs -o size=1m,mode=0755 none "$dir"; fi
done
export PATH=$bin DOTNET_ROOT=$dotnet_root DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

read -r load_before _ < /proc/loadavg
start=$EPOCHSECONDS
status=0
dotnet test "$target" --no-build --filter "Category!=Oracle" "$@" || status=$?
read -r load_after _ < /proc/loadavg
echo "without oracles: exit $status in $((EPOCHSECONDS - start)) s (1-minute load average $load_before before, $load_after after, $cores cores)"
exit $status
