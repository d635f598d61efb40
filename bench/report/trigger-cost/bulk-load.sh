#!/usr/bin/env bash
# Bulk-load cost of V13's insert trigger (bench/report/README.md, third session): the bench's single
# INSERT ... SELECT of 1M visits (generate-visits.sql), alternately with visit_sort_rollup_insert
# disabled and enabled, on a scratch cluster with V1..V13 and an organisation ORG (see run.sh's
# header). Truncates visit between loads (the truncate triggers empty the rollups).
#   PGHOST=... PGPORT=... bench/report/trigger-cost/bulk-load.sh DB ORG [VISITS]
set -euo pipefail
db=$1; org=$2; visits=${3:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
for mode in without-v13 with-v13 without-v13 with-v13; do
  psql -q -d "$db" -c "truncate visit"
  if [ "$mode" = without-v13 ]; then
    psql -q -d "$db" -c "alter table visit disable trigger visit_sort_rollup_insert"
  else
    psql -q -d "$db" -c "alter table visit enable trigger visit_sort_rollup_insert"
  fi
  psql -q -d "$db" -c "checkpoint"
  t=$(psql -d "$db" -v org="$org" -v visits="$visits" -v today="$(date -u +%F)" -c '\timing on' \
        -f "$here/../generate-visits.sql" 2>&1 | grep -A1 'INSERT 0' | grep -o 'Time: [0-9.]* ms' | head -1)
  echo "bulk $mode insert $t ($(uptime | sed 's/.*load/load/'))"
done
psql -q -d "$db" -c "alter table visit enable trigger visit_sort_rollup_insert"
