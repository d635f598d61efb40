#!/usr/bin/env bash
# Bulk-load cost of the visit_sort_rollup insert trigger (V13): the report bench's single
# INSERT ... SELECT of 1M visits (bench/report/generate-visits.sql), alternately with
# visit_sort_rollup_insert disabled and enabled, on a scratch cluster with the migrations and an
# organisation ORG (see run.sh's header). Truncates visit between loads (the truncate triggers empty
# the rollups). Prints one line per load and adds them as one line to results/history.tsv
# (HISTORY= for none; NOTE: what it tries).
#   PGHOST=... PGPORT=... bench/trigger-cost/bulk-load.sh DB ORG [VISITS]
set -euo pipefail
db=$1; org=$2; visits=${3:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
stamp=$(date -u +%Y-%m-%dT%H%M%S); load0=$(cut -d' ' -f1 /proc/loadavg); loads=()
for mode in without-v13 with-v13 without-v13 with-v13; do
  psql -q -d "$db" -c "truncate visit"
  if [ "$mode" = without-v13 ]; then
    psql -q -d "$db" -c "alter table visit disable trigger visit_sort_rollup_insert"
  else
    psql -q -d "$db" -c "alter table visit enable trigger visit_sort_rollup_insert"
  fi
  psql -q -d "$db" -c "checkpoint"
  t=$(psql -d "$db" -v org="$org" -v visits="$visits" -v today="$(date -u +%F)" -c '\timing on' \
        -f "$here/../report/generate-visits.sql" 2>&1 | grep -A1 'INSERT 0' | grep -o 'Time: [0-9.]* ms' | head -1)
  loads+=("$mode ${t#Time: }")
  echo "bulk $mode insert $t ($(uptime | sed 's/.*load/load/'))"
done
psql -q -d "$db" -c "alter table visit enable trigger visit_sort_rollup_insert"
history="${HISTORY-$here/results/history.tsv}"
if [ -n "$history" ]; then
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$stamp" "bulk-load.sh $visits visits" "$db" \
    "$(printf '%s; ' "${loads[@]}" | sed 's/; $//')" "$load0-$(cut -d' ' -f1 /proc/loadavg)" "${NOTE:--}" >> "$history"
fi
