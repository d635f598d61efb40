#!/usr/bin/env bash
# Cost of the rollup triggers on the ingestion's upsert, measured in psql with EXPLAIN ANALYZE
# (bench/trigger-cost/README.md). Needs a database with visits and the triggers, e.g. a scratch
# cluster with db/migration/V1..Vn and bench/report/generate-visits.sql.
#   bench/trigger-cost/run.sh DB ORG [SIZES] [RUNS] [PATTERNS]
#   bench/trigger-cost/run.sh --summary RAW.tsv        print the history line of a raw output
# For each pattern and batch size: RUNS upserts in one session with the triggers switched off
# (session_replication_role = replica), then RUNS in a new session with them. The first run of a
# session pays for loading the catalog and compiling and planning the trigger functions; a
# pooled connection pays that once. Prints one line per run:
#   pattern, triggers (without/with), size, run, statement ms (Execution Time), of which rollup
#   triggers ms (visit_rollups_* and visit_sort_rollup_*), of which visit_sort_rollup_* ms
# and keeps them in results/raw/ (ignored by git); one line with the medians of runs 2..RUNS goes to
# results/history.tsv (HISTORY= for none; NOTE: what the run tries).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

summary() { # $1 this script's output: per pattern and size, medians of runs 2.. without -> with
  awk -F'\t' '
    function median(k,   i, j, n, t, a) { n = c[k]; for (i = 1; i <= n; i++) a[i] = v[k, i]
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
      return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
    function add(k, x) { v[k, ++c[k]] = x }
    $4 > 1 { g = $1 " " $3; if (!(g in seen)) { seen[g]; order[++ng] = g }
      add(g SUBSEP $2 SUBSEP "s", $5); add(g SUBSEP $2 SUBSEP "t", $6); add(g SUBSEP $2 SUBSEP "o", $7) }
    END { for (i = 1; i <= ng; i++) { g = order[i]
        printf "%s%s: %.1f -> %.1f ms (triggers %.1f, sort rollup %.1f)", (i > 1 ? "; " : ""), g,
          median(g SUBSEP "without" SUBSEP "s"), median(g SUBSEP "with" SUBSEP "s"),
          median(g SUBSEP "with" SUBSEP "t"), median(g SUBSEP "with" SUBSEP "o") } }' "$1"
}
if [ "${1:-}" = --summary ]; then summary "$2"; echo; exit; fi

db=$1; org=$2; sizes=${3:-"150 1000"}; runs=${4:-8}; patterns=${5:-"scattered today"}
stamp=$(date -u +%Y-%m-%dT%H%M%S); load0=$(cut -d' ' -f1 /proc/loadavg)
raw="$here/results/raw/$stamp-run.tsv"; mkdir -p "$here/results/raw"
for pattern in $patterns; do
  for n in $sizes; do
    for mode in replica origin; do
      {
        echo "set session_replication_role = $mode;"
        for r in $(seq 1 "$runs"); do
          echo "\\set seed 0.$r$n"
          echo "\\set n $n"
          echo "\\set org $org"
          echo "\\set pattern $pattern"
          echo "\\echo RUN $r"
          echo "\\i $here/upsert-run.sql"
        done
      } | psql -X -q -v ON_ERROR_STOP=1 -d "$db" 2>&1 | awk -v mode="$mode" -v n="$n" -v p="$pattern" '
          /ERROR/ {print; exit 1}
          /^RUN/ {run=$2; trig=0; sort=0}
          /Trigger visit_rollups/ {for (i=1;i<=NF;i++) if ($i ~ /^time=/) {sub("time=","",$i); trig+=$i}}
          /Trigger visit_sort_rollup/ {for (i=1;i<=NF;i++) if ($i ~ /^time=/) {sub("time=","",$i); trig+=$i; sort+=$i}}
          /Execution Time/ {printf "%s\t%s\t%s\t%s\t%s\t%.1f\t%.1f\n", p, (mode=="replica"?"without":"with"), n, run, $3, trig, sort}'
    done
  done
done | tee "$raw"
history="${HISTORY-$here/results/history.tsv}"
if [ -n "$history" ]; then
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$stamp" "run.sh $runs runs" "$db" "$(summary "$raw")" \
    "$load0-$(cut -d' ' -f1 /proc/loadavg)" "${NOTE:--}" >> "$history"
fi
