#!/usr/bin/env bash
# Per-trigger time of one ingestion-style upsert (upsert-run.sql), averaged over RUNS runs after the
# first (which pays for planning): each trigger's EXPLAIN ANALYZE time and the whole statement.
# Needs a database with visits of organisation ORG and the triggers (see run.sh). Prints the
# averages and adds them as one line to results/history.tsv (HISTORY= for none; NOTE: what it tries).
#   PGHOST=... PGPORT=... bench/trigger-cost/per-trigger.sh DB ORG PATTERN N RUNS
set -euo pipefail
db=$1; org=$2; pattern=$3; n=$4; runs=$5
here=$(cd "$(dirname "$0")" && pwd)
stamp=$(date -u +%Y-%m-%dT%H%M%S); load0=$(cut -d' ' -f1 /proc/loadavg)
out=$({
  for r in $(seq 1 "$runs"); do
    echo "\\set seed 0.$r$n"; echo "\\set n $n"; echo "\\set org $org"; echo "\\set pattern $pattern"; echo "\\echo RUN $r"; echo "\\i $here/upsert-run.sql"
  done
} | psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>&1 | awk '
  /^RUN/ {run=$2}
  /Trigger / && run>1 {name=$2; for (i=1;i<=NF;i++) if ($i ~ /^time=/) {sub("time=","",$i); t[name]+=$i; c[name]++}}
  /Execution Time/ && run>1 {e+=$3; k++}
  END {for (x in t) printf "  %-36s %6.2f ms\n", x, t[x]/k; printf "  %-36s %6.2f ms\n", "STATEMENT", e/k}' | sort)
echo "$out"
history="${HISTORY-$here/results/history.tsv}"
if [ -n "$history" ]; then
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$stamp" "per-trigger.sh $pattern $n x $runs" "$db" \
    "$(echo "$out" | awk '{printf "%s%s %s", (NR > 1 ? "; " : ""), $1, $2}') ms" \
    "$load0-$(cut -d' ' -f1 /proc/loadavg)" "${NOTE:--}" >> "$history"
fi
