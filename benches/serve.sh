#!/usr/bin/env bash
# `bulletin serve` on the generated corpus (issue 14): resident memory and time to rebuild.
#
#   benches/serve.sh [N]            N bulletins, default 1000 (the corpus of compare.sh)
#
# Builds bulletin (release) and the corpus as compare.sh does (benches/lib.sh), copies its
# bulletin site to BENCH_DIR/serve-N (made once per corpus; the cached corpus itself is
# never edited), starts `bulletin serve --verbose --port 0` on the copy and waits for
# "serving <url>". It then reads VmRSS and VmHWM from /proc/<pid>/status, and edits a
# city's files EDITS times each, one change at a time:
#
#   edit   a sentence appended to the commentary of content/<city>/tjgb.md
#   front  the front matter's title of that bulletin
#   data   the 2024 value of the first indicator (gdp) in content/<city>/data.yaml
#
# After each change it waits for serve's line for the rebuild ("rebuilt N pages in X ms,
# Y ms after the change was noticed"; `noticed` is when the first file event of the batch
# reached the watcher, so Y holds X and the 30 ms the watcher waits for an edit to
# settle) and checks over HTTP that the bulletin's page shows the change, and for a title
# that its unit's page lists the new one. Prints per kind Y, X and the time from writing
# the file to seeing the line (polled every 5 ms), each as median (min..max), the pages
# rebuilt (median) and how many of the rebuilds read the whole site again; then the RSS
# after start-up and after the edits. The LAST line is for scripts (medians of Y; the RSS
# is the larger VmRSS of the two readings):
#
#   serve rss <MiB> MiB, edit <ms> ms, front <ms> ms, data <ms> ms
#
# The files edited are restored from the cached corpus before the first edit and when the
# script exits, however it exits; serve is stopped.
#
# Environment: EDITS (default 5); BENCH_DIR as for compare.sh; SETTLE, seconds to wait
# after each rebuild before the next change (default 1).
set -euo pipefail

N=${1:-1000}
EDITS=${EDITS:-5}
SETTLE=${SETTLE:-1}
if ! [[ $N =~ ^[0-9]+$ && $N -ge 10 && $EDITS =~ ^[0-9]+$ && $EDITS -gt 0 ]]; then
    echo "usage: [EDITS=5] $0 [N bulletins, at least 10; default 1000]" >&2
    exit 2
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init serve
build_bulletin
corpus_for "$N"

# ── the working copy ────────────────────────────────────────────────────────────────────
site=$bench_dir/serve-$N
if [[ -d $site && -f $site.stamp && $(cat "$site.stamp") == "$stamp" ]]; then
    say "reusing the working copy $site"
else
    say "copying the corpus's bulletin site to $site"
    rm -rf "$site" "$site.stamp"
    cp -a "$corpus/bulletin" "$site"
    echo "$stamp" >"$site.stamp"
fi
# A city (the first by folder name): the cities are the top-level folders of content/,
# and every unit has a statistics bulletin, tjgb.md.
city_data=$(find "$site/content" -mindepth 2 -maxdepth 2 -name data.yaml | LC_ALL=C sort | head -n 1)
unit_dir=$(dirname "$city_data")
unit=${unit_dir#"$site/content/"}
bulletin_rel=content/$unit/tjgb.md
data_rel=content/$unit/data.yaml
edited=("$bulletin_rel" "$data_rel")
for f in "${edited[@]}"; do
    if [[ ! -f $corpus/bulletin/$f ]]; then
        echo "serve: $corpus/bulletin/$f is missing: is this corpus from benches/corpus/?" >&2
        exit 1
    fi
done
restore() {
    local f
    for f in "${edited[@]}"; do
        cp -p "$corpus/bulletin/$f" "$site/$f"
    done
}
restore

# ── serve ───────────────────────────────────────────────────────────────────────────────
log=$(mktemp "$bench_dir/serve-log.XXXXXX")
pid=
stop() {
    if [[ -n $pid ]]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    restore
    rm -f "$log"
}
trap stop EXIT
trap 'exit 130' INT TERM

say "starting serve on $N bulletins"
t0=$(date +%s%N)
"$bulletin_bin" --lang en --verbose serve --root "$site" --port 0 >"$log" 2>&1 &
pid=$!
url=
while [[ -z $url ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then
        echo "serve: bulletin serve stopped before it listened:" >&2
        cat "$log" >&2
        exit 1
    fi
    url=$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$log")
    [[ -n $url ]] || sleep 0.05
done
startup_ms=$((($(date +%s%N) - t0) / 1000000))
built=$(sed -n 's/^built \([0-9]*\) pages in \([0-9]*\) ms$/\1 pages in \2 ms/p' "$log")
say "listening on $url after $startup_ms ms (first build: ${built:-not reported})"
sleep "$SETTLE"

# rss: "<VmRSS KiB> <VmHWM KiB>" of the serve process.
rss() { awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { print r, h }' "/proc/$pid/status"; }
read -r rss_start hwm_start <<<"$(rss)"

# ── edits ───────────────────────────────────────────────────────────────────────────────
page_url=$url$unit/tjgb/
unit_url=$url$unit/
if ! curl -fsS -o /dev/null "$page_url"; then
    echo "serve: cannot fetch the bulletin's page $page_url" >&2
    exit 1
fi
results=$(mktemp "$bench_dir/serve-results.XXXXXX")
trap 'stop; rm -f "$results"' EXIT
# shows URL TEXT: whether the page at URL holds TEXT.
shows() {
    local page
    # titles carry <wbr> where a line may break (src/render/linebreak.rs)
    page=$(curl -fsS "$1") && page=${page//<wbr>/} && [[ $page == *"$2"* ]]
}
rebuild_lines() { grep -cE '^(rebuilt |error: the site does not build)' "$log" || true; }

# change KIND I CHECK_URL NEEDLE: (the file is already written) waits for the rebuild,
# appends "KIND <noticed ms> <rebuild ms> <seen ms> <pages> <1 if the site was re-read>" to
# $results, and checks that
# CHECK_URL now shows NEEDLE.
wait_rebuild() {
    local kind=$1 before=$2 t_write=$3 check_url=$4 needle=$5 deadline line seen noticed elapsed pages full
    deadline=$(($(date +%s) + 120))
    while (($(rebuild_lines) <= before)); do
        if (($(date +%s) > deadline)) || ! kill -0 "$pid" 2>/dev/null; then
            echo "serve: no rebuild within 120 s of the $kind change:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        sleep 0.005
    done
    seen=$((($(date +%s%N) - t_write) / 1000000))
    line=$(grep -E '^(rebuilt |error: the site does not build)' "$log" | sed -n "$((before + 1))p")
    if [[ $line != rebuilt* ]]; then
        echo "serve: the $kind change broke the build:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    pages=$(sed -n 's/^rebuilt \([0-9]*\) page.*/\1/p' <<<"$line")
    elapsed=$(sed -n 's/^rebuilt [0-9]* pages* in \([0-9]*\) ms.*/\1/p' <<<"$line")
    noticed=$(sed -n 's/.*, \([0-9]*\) ms after the change was noticed.*/\1/p' <<<"$line")
    full=0
    [[ $line == *"(site re-read)"* ]] && full=1
    echo "$kind ${noticed:-nan} ${elapsed:-nan} $seen $pages $full" >>"$results"
    if ! shows "$check_url" "$needle"; then
        say "warning: after the $kind change, $check_url does not show “$needle”"
        echo "stale $kind" >>"$results"
    fi
    sleep "$SETTLE"
    local after
    after=$(rebuild_lines)
    if ((after > before + 1)); then
        say "warning: the $kind change caused $((after - before)) rebuilds"
    fi
}

sentences=("下一步，将持续跟踪监测主要指标运行情况，及时研判经济运行态势。"
    "各部门将加强协调配合，推动各项政策措施落地见效。")
original_bulletin=$(cat "$corpus/bulletin/$bulletin_rel")
title=$(sed -n '2,/^---$/ { s/^title: //p }' <<<"$original_bulletin" | head -n 1)
if [[ -z $title ]]; then
    echo "serve: no title in the front matter of $bulletin_rel" >&2
    exit 1
fi

say "editing $bulletin_rel's commentary $EDITS times"
for ((i = 1; i <= EDITS; i++)); do
    before=$(rebuild_lines)
    sentence=${sentences[i % 2]}
    t=$(date +%s%N)
    printf '%s\n%s\n' "$original_bulletin" "$sentence" >"$site/$bulletin_rel"
    wait_rebuild edit "$before" "$t" "$page_url" "$sentence"
done

say "editing $bulletin_rel's title $EDITS times"
for ((i = 1; i <= EDITS; i++)); do
    before=$(rebuild_lines)
    new_title="$title（第${i}次修订）"
    t=$(date +%s%N)
    # Only the first title: line, the front matter's.
    awk -v t="$new_title" '!done && /^title: / { print "title: " t; done = 1; next } { print }' \
        <<<"$original_bulletin" >"$site/$bulletin_rel"
    wait_rebuild front "$before" "$t" "$unit_url" "$new_title"
    # The bulletin's own page shows it too.
    if ! shows "$page_url" "$new_title"; then
        say "warning: after the title change, $page_url does not show “$new_title”"
        echo "stale front" >>"$results"
    fi
done
cp -p "$corpus/bulletin/$bulletin_rel" "$site/$bulletin_rel"
sleep "$SETTLE"

say "editing $data_rel's first 2024 value $EDITS times"
original_data=$(cat "$corpus/bulletin/$data_rel")
for ((i = 1; i <= EDITS; i++)); do
    before=$(rebuild_lines)
    t=$(date +%s%N)
    # gdp is the first indicator and has one decimal: its 2024 value plus i tenths.
    awk -v i="$i" '
        !done && /^      2024: \{ value: [0-9.]+,/ {
            match($0, /[0-9]+\.[0-9]+/)
            v = substr($0, RSTART, RLENGTH)
            printf "%s%.1f%s\n", substr($0, 1, RSTART - 1), v + i / 10, substr($0, RSTART + RLENGTH)
            done = 1
            next
        }
        { print }' <<<"$original_data" >"$site/$data_rel"
    new_value=$( (diff <(echo "$original_data") "$site/$data_rel" || true) |
        sed -n 's/^> .*value: \([0-9.]*\),.*/\1/p')
    if [[ -z $new_value ]]; then
        echo "serve: no 2024 value of one decimal in $data_rel" >&2
        exit 1
    fi
    wait_rebuild data "$before" "$t" "$page_url" "$new_value"
done
restore
sleep "$SETTLE"

read -r rss_end hwm_end <<<"$(rss)"

# ── report ──────────────────────────────────────────────────────────────────────────────
echo "corpus: $N bulletins, served from $site; $EDITS changes of each kind; first build ${built:-?}, listening after $startup_ms ms"
printf '%-6s %20s %20s %20s %6s %8s\n' "" "since noticed ms" "rebuild ms" "write to line ms" "pages" "re-read"
for kind in edit front data; do
    noticed=$(awk -v k="$kind" '$1 == k { print $2 }' "$results" | median_range)
    elapsed=$(awk -v k="$kind" '$1 == k { print $3 }' "$results" | median_range)
    seen=$(awk -v k="$kind" '$1 == k { print $4 }' "$results" | median_range)
    pages=$(awk -v k="$kind" '$1 == k { print $5 }' "$results" | median_range)
    full=$(awk -v k="$kind" '$1 == k { n += $6 } END { print n + 0 }' "$results")
    # shellcheck disable=SC2086 # each is "median min max"
    printf '%-6s %20s %20s %20s %6s %8s\n' "$kind" "$(printf '%.0f (%s..%s)' $noticed)" \
        "$(printf '%.0f (%s..%s)' $elapsed)" "$(printf '%.0f (%s..%s)' $seen)" \
        "$(printf '%.0f' "${pages%% *}")" "$full/$EDITS"
done
stale=$(grep -c '^stale' "$results" || true)
if ((stale > 0)); then
    echo "stale pages after $stale of $((3 * EDITS)) changes: $(grep '^stale' "$results" | sort | uniq -c | awk '{ printf "%s %s; ", $3, $1 }')"
fi
awk -v rs="$rss_start" -v hs="$hwm_start" -v re="$rss_end" -v he="$hwm_end" 'BEGIN {
    printf "RSS MiB: after start-up %.1f (peak %.1f), after the edits %.1f (peak %.1f)\n",
        rs / 1024, hs / 1024, re / 1024, he / 1024
}'
median_of() { awk -v k="$1" '$1 == k { print $2 }' "$results" | median_range | awk '{ printf "%.0f", $1 }'; }
awk -v a="$rss_start" -v b="$rss_end" -v e="$(median_of edit)" -v f="$(median_of front)" \
    -v d="$(median_of data)" 'BEGIN {
    printf "serve rss %.1f MiB, edit %s ms, front %s ms, data %s ms\n", (a > b ? a : b) / 1024, e, f, d
}'
