#!/usr/bin/env bash
# Ingestion benchmark (issue 3): build -> start the app on a fresh embedded database ->
# POST /api/v1/events at 1 and 4 client threads -> 202->readable probes -> COPY reference -> stop.
# Rerunnable; see bench/ingest/README.md. Every knob below can be set from the environment.
# Appends one line to results/history.tsv; the raw files go to results/raw/LABEL/ (ignored by git).
#   bench/ingest/run.sh --summary RESULTS.TSV [LABEL] [NOTE]   prints the history line of a results.tsv
set -euo pipefail
# Everything runs inside main, so bash has read the whole file before it starts: editing
# this file while a run is going cannot disturb that run.
main() {

HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
BENCH="$HERE/IngestBench.java"

PORT="${PORT:-18081}"                      # never 8080
DATA="${DATA:-/tmp/bench-ingest-data}"     # wiped at start
EVENTS="${EVENTS:-1000000}"
BATCH="${BATCH:-1000}"
THREADS="${THREADS-1 4}"                   # empty: no API run (COPY/SQL references only)
ORDER="${ORDER:-time}"                     # time (live feed) | meeting (grouped per meeting)
CLIENT="${CLIENT:-plain}"                  # plain (a minimal HTTP/1.1 sender) | jdk (java.net.http.HttpClient)
SEED="${SEED:-20261126}"
END_DAY="${END_DAY:-$(date -u -d yesterday +%F)}"
WARMUP_BATCHES="${WARMUP_BATCHES:-30}"
PROBES="${PROBES:-50}"
PROBE_UNDER_LOAD_MS="${PROBE_UNDER_LOAD_MS:-1000}"  # a probe this often beside every API run; 0 = none
PROFILE="${PROFILE:-1}"                    # pg_stat_statements + WAL timing; JFR of the app during one run:
JFR_THREADS="${JFR_THREADS:-0}"            # the run with this many threads (0 = no JFR; it costs ~50 % app CPU)
COPY_BATCHED="${COPY_BATCHED:-1}"          # also COPY 1,000 rows per transaction
COPY_BINARY="${COPY_BINARY:-1}"            # also COPY the rows in binary format (what the app sends)
INSERT_VARIANTS="${INSERT_VARIANTS:-0}"    # also time the app's INSERT statement and alternatives in plain SQL
SKIP_BUILD="${SKIP_BUILD:-0}"
LABEL="${LABEL:-$(date -u +%Y-%m-%dT%H%M)}"    # names the run in results/history.tsv
NOTE="${NOTE:-}"                           # what this run tries, for results/history.tsv
HISTORY="${HISTORY-$HERE/results/history.tsv}"   # empty: no history line
SAVE_DIR="${SAVE_DIR-$HERE/results/raw/$LABEL}"  # results.tsv and the profile summaries; empty: not kept
MVN_ARGS="${MVN_ARGS:--q -DskipTests package}"
TOKEN="${TOKEN:-benchingest0123456789abcdefghijklmnopqrs}" # 40 characters
ADMIN_PASSWORD="${ADMIN_PASSWORD:-bench-admin-password}"
JAR="$REPO/target/virtual-visits-analytics-0.1.0-SNAPSHOT.jar"
BENCH_JAVA=(java -Xmx3g -XX:+UseParallelGC "$BENCH")

RESULTS="$DATA/results.tsv"
APP_PID=""
PG_PORT=""
PG_PID=""
PG_BIN=""

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
psqlc() { psql -h localhost -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -X -q "$@"; }
pg_cpu() { # CPU seconds of our PostgreSQL: postmaster (with reaped children) + live children
  # cat first: a process that exits while being read only drops out of the sum (an awk reading the
  # files itself stops at the first vanished one and prints nothing)
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pp="$PG_PID" -v t="$(getconf CLK_TCK)" '
    { split($0, a, ") "); split(a[2], f, " ");
      if ($1 == pp) s += f[12] + f[13] + f[14] + f[15];
      else if (f[2] == pp) s += f[12] + f[13] }
    END { printf "%.1f", s / t }'
}
cpu_note() { # $1 cpu before, $2 rows: "PostgreSQL CPU x core-s = y us/event"
  awk -v a="$1" -v b="$(pg_cpu)" -v n="$2" 'BEGIN{printf "PostgreSQL CPU %.1f core-s = %.0f us/event", b-a, (b-a)*1e6/n}'
}
app_cpu() { # CPU seconds of the app JVM
  awk -v t="$(getconf CLK_TCK)" '{ split($0, a, ") "); split(a[2], f, " "); printf "%.1f", (f[12] + f[13]) / t }' "/proc/$APP_PID/stat"
}
drain_queue() { # $1 = label: after the last 202, wait for the background derivation to empty its queue
  local label="$1" backlog cpu_pg0 cpu_app0 t0 t1 rate api_s
  backlog="$(psqlc -Atc "select count(*) || ' rows, oldest ' || coalesce(round(extract(epoch from clock_timestamp() - min(queued_at))::numeric, 1), 0) || ' s' from visit_derivation_queue")"
  cpu_pg0="$(pg_cpu)"; cpu_app0="$(app_cpu)"; t0=$(date +%s%N)
  while [ "$(psqlc -Atc 'select exists(select 1 from visit_derivation_queue)')" = t ]; do sleep 0.1; done
  t1=$(date +%s%N)
  rate="$(awk -F'\t' -v k="$label.events_per_s" '$1 == k { v = $2 } END { print v }' "$RESULTS")"
  api_s="$(awk -v n="$EVENTS" -v r="$rate" 'BEGIN{printf "%.2f", n / r}')"
  note "$label.drain_s" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", (b-a)/1e9}')" "s" "after the last 202 until the derivation queue was empty; backlog at the last 202: $backlog; during the drain PostgreSQL $(awk -v a="$cpu_pg0" -v b="$(pg_cpu)" 'BEGIN{printf "%.1f", b-a}') core-s, app $(awk -v a="$cpu_app0" -v b="$(app_cpu)" 'BEGIN{printf "%.1f", b-a}') core-s"
  note "$label.derived_events_per_s" "$(awk -v n="$EVENTS" -v a="$api_s" -v t0="$t0" -v t1="$t1" 'BEGIN{printf "%.0f", n / (a + (t1-t0)/1e9)}')" "events/s" "events ÷ (API time $api_s s + drain): the rate at which events became visits"
}
note() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RESULTS"; }
summary() { # $1 results.tsv, $2 label, $3 commit, $4 note: the run's line of results/history.tsv
  awk -F'\t' -v run="$2" -v commit="$3" -v note="$4" '
    function first(s) { split(s, a, " / "); return a[1] }
    function p50max(s) { split(s, a, " / "); return (s == "" ? "-" : a[1] " / " a[3]) }
    function us(s, n) { split(s, a, " / "); return sprintf("%.0f / %.0f / %.0f", a[1]*1e6/n, a[2]*1e6/n, a[3]*1e6/n) }
    function or_dash(s) { return (s == "" || s ~ /NaN/) ? "-" : s }
    { v[$1] = $2 }
    $1 == "machine" { split($4, m, ";"); date = m[1] }
    $1 ~ /\.seconds$/ && events == "" { split($4, e, " "); events = e[1] }
    $1 ~ /^api_.*\.events_per_s$/ {
      if (match($4, /order=[a-z]+/)) order = substr($4, RSTART + 6, RLENGTH - 6)
      if (match($4, /client=[a-z]+/)) client = substr($4, RSTART + 7, RLENGTH - 7)
    }
    { s = $4   # every 1-minute load average written in the notes
      while (match(s, /load(\((before|after)\))?=[0-9.]+/)) {
        x = substr(s, RSTART, RLENGTH); sub(/.*=/, "", x); x += 0
        if (lo == "" || x < lo) lo = x; if (hi == "" || x > hi) hi = x
        s = substr(s, RSTART + RLENGTH) } }
    END {
      cpu = (v["api_4t.cpu_app_pg_client"] == "" ? "-" : us(v["api_4t.cpu_app_pg_client"], events))
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
        date, run, or_dash(commit), events, or_dash(order), (client == "" ? "jdk" : client),
        or_dash(v["api_1t.events_per_s"]), or_dash(v["api_4t.events_per_s"]), or_dash(v["copy.events_per_s"]),
        or_dash(v["copy_binary.events_per_s"]), or_dash(v["ratio_api_1t_to_copy"]), or_dash(v["ratio_api_4t_to_copy"]),
        or_dash(v["api_4t.drain_s"]), or_dash(first(v["probe_idle.202_to_readable_ms_p50_p95_max"])),
        p50max(v["api_1t.probe_under_load.202_to_readable_ms_p50_p95_max"]),
        p50max(v["api_4t.probe_under_load.202_to_readable_ms_p50_p95_max"]), cpu,
        (lo == "" ? "-" : lo "-" hi), or_dash(note) }' "$1"
}
if [ "${1:-}" = --summary ]; then summary "$2" "${3:-}" "" "${4:-}"; return; fi
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo -)"
if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no -- src db pom.xml 2>/dev/null)" ]; then COMMIT="$COMMIT+changes"; fi

as_pg_user() { if [ "$(id -u)" = 0 ]; then unshare -U "$@"; else "$@"; fi; } # PostgreSQL tools refuse root

stop_app() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping the app (pid $APP_PID)"
    kill -TERM "$APP_PID"
    for _ in $(seq 1 90); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$APP_PID" 2>/dev/null; then log "app did not stop in 90 s; killing it"; kill -KILL "$APP_PID"; fi
  fi
  # The app stops its PostgreSQL; make sure nothing of our data directory is left running.
  local pidfile="$DATA/postgres/postmaster.pid"
  if [ -f "$pidfile" ]; then
    local pid; pid="$(head -1 "$pidfile")"
    if kill -0 "$pid" 2>/dev/null && grep -q "$DATA/postgres" "/proc/$pid/cmdline" 2>/dev/null; then
      log "PostgreSQL $pid of $DATA/postgres still running; fast shutdown"
      kill -INT "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
  fi
  APP_PID=""
}
trap stop_app EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "Port $PORT is in use; set PORT to a free port (never 8080)." >&2; exit 1
fi

# ---------------------------------------------------------------- build
if [ "$SKIP_BUILD" != 1 ]; then
  log "building ($MVN_ARGS), load $(load)"
  (cd "$REPO" && mvn $MVN_ARGS)
fi
[ -f "$JAR" ] || { echo "missing $JAR" >&2; exit 1; }

# ---------------------------------------------------------------- start the app
rm -rf "$DATA"; mkdir -p "$DATA"
: > "$RESULTS"
log "starting the app on port $PORT with data in $DATA/postgres, load $(load)"
(cd "$REPO" && SERVER_PORT="$PORT" APP_EMBEDDED_DB_DIRECTORY="$DATA/postgres" APP_DEMO_ENABLED=false \
  APP_BOOTSTRAP_TOKEN="$TOKEN" APP_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  exec java -Xmx2g -XX:FlightRecorderOptions:stackdepth=256 -jar "$JAR" > "$DATA/app.log" 2>&1) &
APP_PID=$!
for _ in $(seq 1 300); do
  grep -q 'Started Application' "$DATA/app.log" 2>/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$DATA/app.log" >&2; echo "app died" >&2; exit 1; }
  sleep 1
done
grep -q 'Started Application' "$DATA/app.log" || { echo "app did not start in 300 s" >&2; exit 1; }
PG_PORT="$(sed -n 's/.*Embedded PostgreSQL running on port \([0-9]*\).*/\1/p' "$DATA/app.log" | head -1)"
PG_PID="$(head -1 "$DATA/postgres/postmaster.pid")"
PG_BIN="$(dirname "$(readlink "/proc/$PG_PID/exe")")"
log "app up: $(grep -o 'Started Application in [0-9.]* seconds' "$DATA/app.log"); PostgreSQL port $PG_PORT pid $PG_PID"
note "machine" "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB" "" "$(date -u +%FT%TZ); PostgreSQL $(psqlc -Atc 'show server_version'); fsync=$(psqlc -Atc 'show fsync'), synchronous_commit=$(psqlc -Atc 'show synchronous_commit'), shared_buffers=$(psqlc -Atc 'show shared_buffers')"

if [ "$PROFILE" = 1 ]; then
  # pg_stat_statements needs a server restart; restart PostgreSQL under the running app
  # (Hikari replaces the broken connections), same command line, same port.
  psqlc -c "alter system set shared_preload_libraries = 'pg_stat_statements'" -c "alter system set track_io_timing = on" \
    -c "alter system set track_wal_io_timing = on"
  as_pg_user "$PG_BIN/pg_ctl" -D "$DATA/postgres" restart -m fast -w -l "$DATA/postgres-restart.log" > /dev/null
  PG_PID="$(head -1 "$DATA/postgres/postmaster.pid")"
  psqlc -c "create extension if not exists pg_stat_statements"
  log "PostgreSQL restarted with pg_stat_statements (pid $PG_PID)"
fi

reset_tables() {
  # Let the derivation finish what the warm-up or the previous run queued: truncating under a round
  # deadlocks with it (since decision 0013 a burst is derived after it, not during it)
  while [ "$(psqlc -Atc 'select exists(select 1 from visit_derivation_queue)')" = t ]; do sleep 0.1; done
  psqlc -c "truncate meeting_event, meeting, visit_derivation_queue, visit" -c "checkpoint"
  [ "$PROFILE" = 1 ] && psqlc -Atc "select pg_stat_statements_reset(), pg_stat_reset_shared('wal')" > /dev/null
  return 0
}

db_report() { # $1 = label: counts, WAL, and where PostgreSQL spent its time
  local label="$1" wal_start="$2"
  local events visits wal
  events="$(psqlc -Atc 'select count(*) from meeting_event')"
  visits="$(psqlc -Atc 'select count(*) from visit')"
  wal="$(psqlc -Atc "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal_start')")"
  note "$label.rows" "$events events / $visits visits" "rows" "stored after the run"
  note "$label.wal_bytes_per_event" "$(awk -v w="$wal" -v e="$EVENTS" 'BEGIN{printf "%.0f", w/e}')" "B" "WAL $(awk -v w="$wal" 'BEGIN{printf "%.0f", w/1048576}') MiB"
  if [ "$PROFILE" = 1 ]; then
    note "$label.wal_syncs" "$(psqlc -Atc "select wal_sync || ' syncs, ' || round((wal_sync_time / greatest(wal_sync, 1))::numeric, 2) || ' ms each' from pg_stat_wal")" "" "WAL flushes (commits) during the run and their mean time"
    psqlc -P pager=off -c "
      select calls, round(total_exec_time::numeric / 1000, 1) as total_s,
             round(mean_exec_time::numeric, 2) as mean_ms, rows,
             round(100 * total_exec_time / sum(total_exec_time) over ()) as pct,
             regexp_replace(left(query, 120), '\s+', ' ', 'g') as query
      from pg_stat_statements order by total_exec_time desc limit 12" > "$DATA/pgss_$label.txt"
  fi
}

# ---------------------------------------------------------------- warm-up (JIT, pools), then empty tables
if [ "$WARMUP_BATCHES" -gt 0 ]; then
  log "warm-up: $WARMUP_BATCHES batches"
  "${BENCH_JAVA[@]}" ingest --url "http://localhost:$PORT" --token "$TOKEN" --threads 4 --batch "$BATCH" \
    --client "$CLIENT" --order "$ORDER" --warmup-batches "$WARMUP_BATCHES" --events "$EVENTS"
fi

# ---------------------------------------------------------------- API runs
jfr=0
for t in $THREADS; do
  reset_tables
  wal0="$(psqlc -Atc 'select pg_current_wal_lsn()')"
  extra=()
  if [ "$PROBE_UNDER_LOAD_MS" -gt 0 ]; then
    extra+=(--probe-interval-ms "$PROBE_UNDER_LOAD_MS")
  fi
  if [ "$PROFILE" = 1 ] && [ "$t" = "$JFR_THREADS" ]; then
    jfr=1; jcmd "$APP_PID" JFR.start name=bench settings=profile > /dev/null
  else
    jfr=0
  fi
  log "API run: $EVENTS events, batch $BATCH, $t thread(s), order $ORDER, JFR $jfr, load $(load)"
  "${BENCH_JAVA[@]}" ingest --url "http://localhost:$PORT" --token "$TOKEN" --threads "$t" --batch "$BATCH" \
    --events "$EVENTS" --seed "$SEED" --end-day "$END_DAY" --order "$ORDER" --client "$CLIENT" --label "api_${t}t" \
    --app-pid "$APP_PID" --pg-pid "$PG_PID" --clk-tck "$(getconf CLK_TCK)" --results "$RESULTS" "${extra[@]}"
  if [ "$jfr" = 1 ]; then
    jcmd "$APP_PID" JFR.stop name=bench filename="$DATA/app_api_${t}t.jfr" > /dev/null
    "${BENCH_JAVA[@]}" jfr-top --file "$DATA/app_api_${t}t.jfr" > "$DATA/jfr_api_${t}t.txt" || true
  fi
  drain_queue "api_${t}t"
  db_report "api_${t}t" "$wal0"
done

# ---------------------------------------------------------------- 202 -> readable, idle
log "probes: $PROBES x (POST one meeting, then GET /api/v1/visits until listed), load $(load)"
"${BENCH_JAVA[@]}" probe --url "http://localhost:$PORT" --token "$TOKEN" --probes "$PROBES" --results "$RESULTS"

# ---------------------------------------------------------------- COPY reference
log "writing the same $EVENTS events as CSV"
"${BENCH_JAVA[@]}" csv --events "$EVENTS" --seed "$SEED" --end-day "$END_DAY" --order "$ORDER" --out "$DATA/events.csv"
COLS="organisation_id, event_id, meeting_id, meeting_type, type, occurred_at, participant_id, role, department, appointment_kind"
# Vacuum first: otherwise autovacuum cleans up after the API runs while COPY is timed, and its CPU and I/O
# made the reference vary from 82,000 to 123,000 rows/s between runs of the same code
log "vacuum analyze before the COPY reference, load $(load)"
psqlc -c "vacuum analyze"
psqlc -c "drop table if exists meeting_event_copy" -c "create table meeting_event_copy (like meeting_event including all)" -c "checkpoint"
wal0="$(psqlc -Atc 'select pg_current_wal_lsn()')"
load0="$(load)"; cpu0="$(pg_cpu)"
log "COPY: one \\copy of $EVENTS rows into meeting_event_copy (same indexes), load $load0"
t0=$(date +%s%N)
psqlc -c "\\copy meeting_event_copy ($COLS) from '$DATA/events.csv' with (format csv)"
t1=$(date +%s%N)
rows="$(psqlc -Atc 'select count(*) from meeting_event_copy')"
wal="$(psqlc -Atc "select pg_wal_lsn_diff(pg_current_wal_lsn(), '$wal0')")"
note "copy.events_per_s" "$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n/((b-a)/1e9)}')" "events/s" "one COPY, $rows rows in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1e9}') s; $(cpu_note "$cpu0" "$rows"); load(before)=$load0 load(after)=$(load)"
note "copy.wal_bytes_per_event" "$(awk -v w="$wal" -v e="$rows" 'BEGIN{printf "%.0f", w/e}')" "B" ""

timed_sql() { # $1 label, $2 table, $3 psql script, $4 note: the script, timed, into a fresh table like meeting_event
  psqlc -c "drop table if exists $2" -c "create table $2 (like meeting_event including all)" -c "checkpoint"
  local l0 t0 t1 rows cpu0; l0="$(load)"; cpu0="$(pg_cpu)"
  log "$1: $4, load $l0"
  t0=$(date +%s%N); psqlc -f "$3" > /dev/null || { log "$1 failed"; return 0; }; t1=$(date +%s%N)
  rows="$(psqlc -Atc "select count(*) from $2")"
  note "$1.events_per_s" "$(awk -v n="$rows" -v a="$t0" -v b="$t1" 'BEGIN{printf "%.0f", n/((b-a)/1e9)}')" "events/s" \
    "$4; $rows rows in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", (b-a)/1e9}') s; $(cpu_note "$cpu0" "$rows"); load(before)=$l0 load(after)=$(load)"
}

if [ "$COPY_BINARY" = 1 ]; then
  # The same rows in COPY's binary format, which the app itself writes since decision 0014: PostgreSQL
  # then parses no text. psql writes the file from the rows just loaded (in their order), untimed.
  psqlc -c "\\copy (select $COLS from meeting_event_copy) to '$DATA/events.bin' with (format binary)"
  echo "\\copy meeting_event_copy_binary ($COLS) from '$DATA/events.bin' with (format binary)" > "$DATA/copy_binary.sql"
  timed_sql copy_binary meeting_event_copy_binary "$DATA/copy_binary.sql" "one COPY (format binary) of the same rows"
  psqlc -c "drop table meeting_event_copy_binary"
  rm -f "$DATA/events.bin" "$DATA/copy_binary.sql"
fi

if [ "$COPY_BATCHED" = 1 ] || [ "$INSERT_VARIANTS" = 1 ]; then
  mkdir -p "$DATA/chunks"; split -l "$BATCH" -d -a 5 "$DATA/events.csv" "$DATA/chunks/c"
fi
if [ "$COPY_BATCHED" = 1 ]; then
  # The same rows, 1,000 per COPY and per transaction (one commit/fsync each, like the API's batches).
  for f in "$DATA"/chunks/c*; do echo "\\copy meeting_event_copy_batched ($COLS) from '$f' with (format csv)"; done > "$DATA/copy_batched.sql"
  timed_sql copy_batched meeting_event_copy_batched "$DATA/copy_batched.sql" "$BATCH rows per COPY and per transaction"
fi
if [ "$INSERT_VARIANTS" = 1 ]; then
  # What the API's INSERT costs by itself, and what it would cost done differently (no app code involved).
  "${BENCH_JAVA[@]}" insert-sql --events "$EVENTS" --seed "$SEED" --end-day "$END_DAY" --order "$ORDER" --batch "$BATCH" \
    --table meeting_event_sql --variant unnest --out "$DATA/insert_unnest.sql"
  timed_sql sql_unnest_on_conflict meeting_event_sql "$DATA/insert_unnest.sql" \
    "the app's insertNew statement alone (unnest of text arrays, ON CONFLICT DO NOTHING RETURNING), $BATCH rows per transaction"
  "${BENCH_JAVA[@]}" insert-sql --events "$EVENTS" --seed "$SEED" --end-day "$END_DAY" --order "$ORDER" --batch "$BATCH" \
    --table meeting_event_sql --variant unnest-noconflict --out "$DATA/insert_plain.sql"
  timed_sql sql_unnest_plain meeting_event_sql "$DATA/insert_plain.sql" "the same without ON CONFLICT/RETURNING"
  "${BENCH_JAVA[@]}" insert-sql --events "$EVENTS" --seed "$SEED" --end-day "$END_DAY" --order "$ORDER" --batch "$BATCH" \
    --table meeting_event_sql --variant unnest-antijoin --out "$DATA/insert_antijoin.sql"
  timed_sql sql_unnest_antijoin meeting_event_sql "$DATA/insert_antijoin.sql" \
    "the same with WHERE NOT EXISTS (stored event_id) instead of ON CONFLICT"
  rm -f "$DATA/insert_unnest.sql" "$DATA/insert_plain.sql" "$DATA/insert_antijoin.sql"
  { echo "\\set ON_ERROR_STOP on"; echo "\\o /dev/null"
    echo "create temp table stage (like meeting_event including defaults) on commit delete rows;"
    for f in "$DATA"/chunks/c*; do
      echo "begin;"; echo "\\copy stage ($COLS) from '$f' with (format csv)"
      echo "insert into meeting_event_staged ($COLS) select $COLS from stage on conflict (organisation_id, event_id) do nothing returning event_id;"
      echo "commit;"
    done; } > "$DATA/copy_staging.sql"
  timed_sql copy_staging_on_conflict meeting_event_staged "$DATA/copy_staging.sql" \
    "COPY into a temp table, then INSERT ... SELECT ON CONFLICT DO NOTHING RETURNING, $BATCH rows per transaction"
fi
rm -rf "$DATA/chunks"
rm -f "$DATA/events.csv"

stop_app
trap - EXIT

# ---------------------------------------------------------------- results
copy_rate="$(awk -F'\t' '$1=="copy.events_per_s"{print $2}' "$RESULTS")"
for t in $THREADS; do
  api_rate="$(awk -F'\t' -v k="api_${t}t.events_per_s" '$1==k{print $2}' "$RESULTS")"
  note "ratio_api_${t}t_to_copy" "$(awk -v a="$api_rate" -v c="$copy_rate" 'BEGIN{printf "%.2f", a/c}')" "x" "target >= 0.5"
  binary_rate="$(awk -F'\t' '$1=="copy_binary.events_per_s"{print $2}' "$RESULTS")"
  if [ -n "$binary_rate" ]; then
    note "ratio_api_${t}t_to_copy_binary" "$(awk -v a="$api_rate" -v c="$binary_rate" 'BEGIN{printf "%.2f", a/c}')" "x" "against the binary COPY (information)"
  fi
done
echo
echo "Results ($(date -u +%FT%TZ), $EVENTS events, batch $BATCH, order $ORDER; files in $DATA)"
{ printf 'metric\tvalue\tunit\tnotes\n'; cat "$RESULTS"; } | column -t -s $'\t'
if [ "$PROFILE" = 1 ]; then
  for f in "$DATA"/pgss_*.txt; do [ -f "$f" ] || continue; echo; echo "== PostgreSQL time by statement: $(basename "$f")"; cat "$f"; done
  for f in "$DATA"/jfr_*.txt; do [ -f "$f" ] || continue; echo; echo "== App JVM CPU samples: $(basename "$f")"; head -60 "$f"; done
fi
if [ -n "$SAVE_DIR" ]; then
  mkdir -p "$SAVE_DIR" && cp "$RESULTS" "$DATA"/pgss_*.txt "$DATA"/jfr_*.txt "$SAVE_DIR"/ 2>/dev/null || true
  echo; echo "results, statement and JFR summaries copied to $SAVE_DIR"
fi
if [ -n "$HISTORY" ]; then
  summary "$RESULTS" "$LABEL" "$COMMIT" "$NOTE" >> "$HISTORY"
  echo "one line added to $HISTORY"
fi
}
main "$@"
