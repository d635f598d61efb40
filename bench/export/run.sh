#!/usr/bin/env bash
# Export benchmark: runs ExportBenchmark (src/test/java/org/virtualvisits/analytics/export/) from
# the project root with a 256 MB heap, then appends one line to results/history.tsv. The full
# table it writes, bench/export/results/raw/last-run.md, is ignored by git. See bench/export/README.md.
#   bench/export/run.sh [-Dbench.rows=N -Dbench.repeat=N ...]
#   bench/export/run.sh --summary FILE [LABEL] [NOTE]   print the history line of a last-run.md
# LABEL, NOTE (environment): the run's name (default: UTC date and time) and what it tries.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"

summary() { # $1 last-run.md, $2 run name, $3 commit, $4 note: one line of results/history.tsv
  awk -F' *\\| *' -v run="$2" -v commit="$3" -v note="$4" '
    function or_dash(s) { return s == "" ? "-" : s }
    /^Export benchmark, / { date = substr($0, 19) }
    /^rows: / { split($0, f, ", "); for (i in f) { split(f[i], kv, ": "); h[kv[1]] = kv[2] } }
    /^\| / && $3 ~ /^[0-9,]+$/ { t[$2] = $4; if ($6 + 0 > live) live = $6 + 0; if ($5 + 0 > peak) peak = $5 + 0 }
    END {
      for (k in t) {
        if (k ~ /^stream the rows/) stream = t[k]
        else if (k ~ /^bare Commons CSV, rows streamed/) csvdb = t[k]
        else if (k ~ /^bare Commons CSV, same rows/) csvmem = t[k]
        else if (k ~ /^CSV export job/) csv = t[k]
        else if (k ~ /^bare SXSSF, rows streamed/) xdb = t[k]
        else if (k ~ /^bare SXSSF, same rows/) xmem = t[k]
        else if (k ~ /^xlsx export job/) xlsx = t[k] }
      printf "%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%.2f\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\n", date, or_dash(run),
        or_dash(commit), h["rows"], csv, csvdb, csv / csvdb, csv / csvmem, xlsx, xdb, xlsx / xdb, xlsx / xmem, stream,
        live, peak, h["max heap"], h["load average before"], or_dash(note) }' "$1"
}

if [ "${1:-}" = --summary ]; then summary "$2" "${3:-}" "" "${4:-}"; exit; fi
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo -)"
if [ -n "$(git -C "$REPO" status --porcelain --untracked-files=no -- src db pom.xml 2>/dev/null)" ]; then COMMIT="$COMMIT+changes"; fi
rm -f "$HERE/results/raw/last-run.md"
cd "$REPO"   # ExportBenchmark writes bench/export/results/raw/last-run.md relative to the working directory
mvn -Pbench test -Dtest=ExportBenchmark -Dbench=true -DargLine=-Xmx256m "$@"
summary "$HERE/results/raw/last-run.md" "${LABEL:-$(date -u +%Y-%m-%dT%H%M)}" "$COMMIT" "${NOTE:-}" >> "$HERE/results/history.tsv"
echo "one line added to $HERE/results/history.tsv; the full table is $HERE/results/raw/last-run.md"
