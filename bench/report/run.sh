#!/usr/bin/env bash
# Report benchmark (issue 4): runs ReportBench (src/test/java/org/virtualvisits/analytics/bench/)
# from the project root, then appends one line to results/history.tsv. The full table it writes,
# bench/report/results/raw/LABEL.md, is ignored by git. See bench/report/README.md.
#   bench/report/run.sh [LABEL] [-Dbench.x=y ...]      LABEL defaults to the UTC date and time
#   bench/report/run.sh --summary FILE [NOTE]          print the history line of a results file
# NOTE (environment): what this run tries, for the history line.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

summary() { # $1 results-LABEL.md, $2 commit, $3 note, [$4 run name]: one line of results/history.tsv
  awk -F' *\\| *' -v commit="$2" -v note="$3" -v name="${4:-}" '
    function or_dash(s) { return s == "" ? "-" : s }
    function ms(s) { return s == "" ? "-" : (s + 0 >= 100 ? sprintf("%.0f", s) : sprintf("%.1f", s)) }
    /^# Report benchmark: / { run = (name != "" ? name : substr($0, 21)) }
    /^- date: / { date = substr($0, 9, 16) "Z" }
    /^- load \(uptime\) at start: / { split($0, a, "load average "); split(a[2], b, ","); l0 = b[1] }
    /^- load \(uptime\) at end: / { split($0, a, "load average "); split(a[2], b, ","); l1 = b[1] }
    /^- settings tried \(bench.pg\): / { pg = substr($0, 30); if (pg == "none") pg = "" }
    match($0, /meeting-id bucket job after the load: [0-9.]+ s/) { job = "meeting-id job " substr($0, RSTART + 38, RLENGTH - 38) }
    /^- OK / { ok++ } /^- MISMATCH / { bad++ }
    /^\| item \|/ { hascpu = ($0 ~ /CPU/) }
    /^\| / { m[$2] = $3; cpu[$2] = (hascpu ? $6 : "") }
    END {
      whole = ""; for (k in m) if (k ~ /^WHOLE REPORT/) { whole = ms(m[k]) (cpu[k] == "" ? "" : " (" cpu[k] ")") }
      for (k in m) if (k ~ /^whole report, status filter/) status = m[k]
      for (k in m) if (k ~ /^whole report, zone Asia\/Kolkata/) kolkata = m[k]
      n = split("START_TIME STATUS MEETING_TYPE MEETING_ID LOBBY_WAIT DURATION PARTICIPANTS SMS_SENT", sorts, " ")
      pages = ""
      for (i = 1; i <= n; i++) pages = pages "\t" ms(m["sort " sorts[i] " asc"]) " / " ms(m["sort " sorts[i] " desc"])
      if (job != "") note = (note == "" ? "" : note "; ") job
      if (pg != "") note = (note == "" ? "" : note "; ") "bench.pg=" pg
      printf "%s\t%s\t%s\t%s\t%s\t%s%s\t%s\t%s\t%s-%s\t%s\n", date, run, or_dash(commit), whole, ms(status), ms(kolkata),
        pages, ms(m["naive daily GROUP BY over raw visits"]), (bad ? ok "/" ok + bad " (" bad " MISMATCH)" : ok "/" ok),
        l0, l1, or_dash(note) }' "$1"
}

if [ "${1:-}" = --summary ]; then summary "$2" "" "${3:-}"; exit; fi
LABEL="$(date -u +%Y-%m-%dT%H%M)"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then LABEL=$1; shift; fi
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo -)"
if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no -- src db pom.xml 2>/dev/null)" ]; then COMMIT="$COMMIT+changes"; fi
rm -f "$HERE/results/raw/$LABEL.md"
cd "$REPO"   # ReportBench reads bench/report/generate-visits.sql and writes bench/report/results/raw/LABEL.md
mvn -Pbench test -Dtest=ReportBench -Dbench.label="$LABEL" "$@"
summary "$HERE/results/raw/$LABEL.md" "$COMMIT" "${NOTE:-}" >> "$HERE/results/history.tsv"
echo "one line added to $HERE/results/history.tsv; the full table is $HERE/results/raw/$LABEL.md"
