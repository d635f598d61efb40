#!/usr/bin/env bash
# Cost of the rollup triggers on the ingestion's upsert, measured in psql with EXPLAIN ANALYZE
# (bench/report/README.md, "Trigger cost"). Needs a database with visits and the triggers, e.g. a
# scratch cluster with db/migration/V1..V8 and generate-visits.sql.
#   bench/report/trigger-cost/run.sh DB ORG [SIZES] [RUNS] [PATTERNS]
# For each pattern and batch size: RUNS upserts in one session with the triggers switched off
# (session_replication_role = replica), then RUNS in a new session with them. The first run of a
# session pays for loading the catalog and compiling and planning the trigger functions; a
# pooled connection pays that once. Prints one line per run:
#   pattern, triggers (without/with), size, run, statement ms (Execution Time), of which rollup
#   triggers ms (V8's and V13's), of which V13's visit_sort_rollup triggers ms
set -euo pipefail
db=$1; org=$2; sizes=${3:-"150 1000"}; runs=${4:-8}; patterns=${5:-"scattered today"}
here=$(cd "$(dirname "$0")" && pwd)
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
done
