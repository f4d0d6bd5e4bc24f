#!/usr/bin/env bash
# `bulletin build` after one edit against a clean build, on the generated corpus (issue 14:
# at 10,000 bulletins the build after one edit must be at least 3× faster).
#
#   benches/incremental.sh [N]      N bulletins, default 1000 (the corpus of compare.sh)
#
# Builds bulletin (release) and the corpus as compare.sh does (benches/lib.sh), copies its
# bulletin site to BENCH_DIR/incremental-N (the cached corpus is never edited) and builds
# it once into BENCH_DIR/incremental-N.out. Then RUNS times, alternating:
#
#   clean        a build into a new, empty folder, with no records of an earlier build
#   incremental  a sentence appended to one city's bulletin, then a build into the output
#                built before (its records in the site's .bulletin/ say what is unchanged)
#
# Prints the median (min..max) of wall and CPU time (user + sys) of each, and the ratios.
# The clean builds' folders are deleted after all runs (deleting a large tree slows the
# next build's mkdirs on ext4). The LAST line is for scripts:
#
#   clean <s> s, incremental <s> s, ratio <r>, cpu clean <s> s, incremental <s> s, cpu ratio <r>
#
# Environment: RUNS (default 5); BENCH_DIR as for compare.sh.
set -euo pipefail

N=${1:-1000}
RUNS=${RUNS:-5}
if ! [[ $N =~ ^[0-9]+$ && $N -ge 10 && $RUNS =~ ^[0-9]+$ && $RUNS -gt 0 ]]; then
    echo "usage: [RUNS=5] $0 [N bulletins, at least 10; default 1000]" >&2
    exit 2
fi

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init incremental
build_bulletin
corpus_for "$N"

site=$bench_dir/incremental-$N
out=$site.out
say "copying the corpus's bulletin site to $site"
rm -rf "$site" "$out"
cp -a "$corpus/bulletin" "$site"
page=$(find "$site/content" -mindepth 2 -maxdepth 2 -name tjgb.md | LC_ALL=C sort | head -n 1)
"$bulletin_bin" build --root "$site" -o "$out" --quiet >/dev/null 2>&1

times=$(mktemp)
trap 'rm -f "$times"' EXIT
timed() { # timed KIND ARGS…: one build, its wall and CPU seconds appended to $times
    local kind=$1
    shift
    /usr/bin/time -f "$kind %e %U %S" -o "$times.one" "$bulletin_bin" build --root "$site" --quiet "$@" >/dev/null 2>&1
    cat "$times.one" >>"$times"
}
for ((i = 1; i <= RUNS; i++)); do
    say "run $i of $RUNS"
    timed clean -o "$bench_dir/incremental-$N.clean-$i"
    echo "第${i}次补充：全年经济运行总体平稳。" >>"$page"
    timed incremental -o "$out"
done
rm -f "$times.one"

stats() { # stats KIND COLUMN…: median (min..max) of the sum of the columns
    awk -v k="$1" -v a="$2" -v b="${3:-0}" '$1 == k { print $a + (b ? $b : 0) }' "$times" | median_range
}
read -r cw cw_min cw_max <<<"$(stats clean 2)"
read -r cc cc_min cc_max <<<"$(stats clean 3 4)"
read -r iw iw_min iw_max <<<"$(stats incremental 2)"
read -r ic ic_min ic_max <<<"$(stats incremental 3 4)"
printf '%-12s %18s %18s\n' "" "wall s" "CPU s"
printf '%-12s %8s (%s..%s) %8s (%s..%s)\n' clean "$cw" "$cw_min" "$cw_max" "$cc" "$cc_min" "$cc_max"
printf '%-12s %8s (%s..%s) %8s (%s..%s)\n' incremental "$iw" "$iw_min" "$iw_max" "$ic" "$ic_min" "$ic_max"
say "deleting the clean builds' folders"
rm -rf "$bench_dir/incremental-$N".clean-* "$site/.bulletin"
awk -v cw="$cw" -v iw="$iw" -v cc="$cc" -v ic="$ic" 'BEGIN {
    printf "clean %s s, incremental %s s, ratio %.1f, cpu clean %s s, incremental %s s, cpu ratio %.1f\n",
        cw, iw, cw / iw, cc, ic, cc / ic }'
