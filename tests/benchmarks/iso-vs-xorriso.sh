#!/usr/bin/env bash
# ISO writer benchmark: the same ~410 MB tree (the stand-in stock tree plus 8 x 50 MB of random data) written as
# a hybrid El Torito ISO by xorriso and by CoreosDsl.Iso9660 (tests/benchmarks/iso-bench), in one run, warm page
# cache, rounds interleaved, median of N. Reports wall time and CPU time (user + system: steadier than wall time
# on a shared machine), the ratios ours/xorriso, and peak memory (max RSS from /usr/bin/time).
# Targets: wall ratio <= 1, our max RSS < 64 MB. Both images are then checked with xorriso's report.
# Usage: [BENCH_DIR=DIR] tests/benchmarks/iso-vs-xorriso.sh [ROUNDS]      Needs: xorriso isolinux time (installed by .ci/run).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
rounds=${1:-5}
work=${BENCH_DIR:-$root/.cache}/bench-iso   # BENCH_DIR=/dev/shm measures the tools, not the disk's writeback
mkdir -p "$work"
export LC_ALL=C

bash "$root/tests/TestData/bootlab/build-stock.sh" "$root/.cache/stock"
tree=$work/tree
if [ ! -f "$tree/data/blob8.bin" ]; then
  rm -rf "$tree"; mkdir -p "$tree/data"
  cp -r "$root/.cache/stock/tree/." "$tree/"
  for i in 1 2 3 4 5 6 7 8; do head -c 50M /dev/urandom > "$tree/data/blob$i.bin"; done
fi
echo "tree: $(du -sb --apparent-size "$tree" | cut -f1) bytes, $(find "$tree" -type f | wc -l) files"
dotnet build -c Release -v q -nologo "$root/tests/benchmarks/iso-bench/IsoBench.csproj" -o "$work/bin" >/dev/null

xorriso_iso() {
  rm -f "$1"
  xorriso -as mkisofs -o "$1" -V COREOS -J -R -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
    -c isolinux/boot.cat -b isolinux/isolinux.bin -no-emul-boot -boot-load-size 4 -boot-info-table "$tree" 2>/dev/null
}
export -f xorriso_iso; export tree

# measure NAME CMD...: one timed run, appends "seconds maxrss_kb cpu_seconds" to NAME.runs. The sync before each run keeps
# one run's writeback from slowing the next; times exclude the final flush, as in boot-recipe.md's baselines.
measure() {
  local name=$1; shift
  sync
  /usr/bin/time -f '%e %M %U %S' -o "$work/$name.time" "$@" >/dev/null
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' "$work/$name.time" > "$work/$name.time2" && mv "$work/$name.time2" "$work/$name.time"
  cat "$work/$name.time" >> "$work/$name.runs"
}

rm -f "$work"/*.runs
bash -c "xorriso_iso $work/xorriso.iso"; dotnet "$work/bin/IsoBench.dll" "$tree" "$work/ours.iso" >/dev/null   # warm-up
for round in $(seq 1 "$rounds"); do
  measure xorriso bash -c "xorriso_iso $work/xorriso.iso"
  measure ours dotnet "$work/bin/IsoBench.dll" "$tree" "$work/ours.iso"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
report() {
  local name=$1 secs cpu rss
  secs=$(cut -d' ' -f1 "$work/$name.runs" | median)
  cpu=$(cut -d' ' -f3 "$work/$name.runs" | median)
  rss=$(cut -d' ' -f2 "$work/$name.runs" | sort -n | tail -1)
  printf '%-8s wall median %5.2f s (runs: %s)  cpu median %5.2f s  max RSS %5.1f MB\n' "$name" "$secs" \
    "$(cut -d' ' -f1 "$work/$name.runs" | tr '\n' ' ')" "$cpu" "$(echo "$rss / 1024" | bc -l)"
  echo "$secs" > "$work/$name.median"
  echo "$cpu" > "$work/$name.cpu"
}
echo "== $rounds rounds, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report xorriso; report ours
printf 'ratio ours/xorriso: wall %.2f, cpu %.2f\n' "$(echo "$(cat "$work/ours.median") / $(cat "$work/xorriso.median")" | bc -l)" \
  "$(echo "$(cat "$work/ours.cpu") / $(cat "$work/xorriso.cpu")" | bc -l)"
for iso in xorriso ours; do
  printf '%-12s %s bytes: ' "$iso.iso" "$(stat -c %s "$work/$iso.iso")"
  xorriso -indev "stdio:$work/$iso.iso" -report_el_torito plain -report_system_area plain 2>/dev/null \
    | grep -E 'System area summary|El Torito img opts' | tr -s ' ' | paste -sd ';'
done
