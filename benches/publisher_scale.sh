#!/usr/bin/env bash
# Publisher side at scale: `haven-publish import-hsds` and `sign` on N (default 1 000 000)
# generated HSDS services, each timed with its peak resident memory (/usr/bin/time -v).
#
#   cargo build --release --bin haven-publish
#   bash benches/publisher_scale.sh            # N=1000000; N=100000 for a quick run
#
# The input comes from benches/gen_hsds.py (fixed seed: the same bytes every run). Keys,
# input and outputs live in a temporary folder that is removed at the end. Figures go to
# benches/README.md ("Publisher at 1 000 000 services").
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
BIN=${HAVEN_PUBLISH:-${CARGO_TARGET_DIR:-target}/release/haven-publish}
[ -x "$BIN" ] || { echo "build it first: cargo build --release --bin haven-publish" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > "$work/out.txt" 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')
  printf '%-12s wall %s  peak RSS %.0f MB  user %ss  sys %ss\n' "$label" "$wall" \
    "$(echo "$rss / 1024" | bc -l)" \
    "$(grep 'User time' "$work/time.txt" | awk '{print $NF}')" \
    "$(grep 'System time' "$work/time.txt" | awk '{print $NF}')"
}

python3 benches/gen_hsds.py "$N" > "$work/services.json"
echo "N = $N services; HSDS input $(du -m "$work/services.json" | cut -f1) MB"
"$BIN" keygen --out "$work/root.key" --name "bench root" > /dev/null
"$BIN" keygen --out "$work/org.key" > /dev/null
"$BIN" delegate --root "$work/root.key" --key "$work/org.key.pub" --org "Bench Coalition" \
  --scope directory --expires 2099-01-01 --out "$work/org.delegation" > /dev/null

measure import-hsds "$BIN" import-hsds "$work/services.json" --out "$work/directory.json" \
  --source "bench" --verified 2026-11-01 --publisher "Bench Coalition"
echo "             $(cat "$work/out.txt"); payload $(du -m "$work/directory.json" | cut -f1) MB"
measure sign "$BIN" sign --key "$work/org.key" --delegation "$work/org.delegation" \
  --version 1 --expires 2099-01-01 "$work/directory.json" --out "$work/bundle"
echo "             bundle $(du -m "$work/bundle" | cut -f1) MB ($(stat -c %s "$work/bundle") bytes): $(cat "$work/out.txt")"
measure verify "$BIN" verify --root "$work/root.key.pub" "$work/bundle"
echo "             (verify = the app's own update pipeline: signatures, inflate, parse, index)"
