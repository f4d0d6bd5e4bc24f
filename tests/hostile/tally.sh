#!/usr/bin/env bash
# The red team's tally (issue 12): runs one or more `bulletin` binaries over the same list
# of hostile inputs and counts, per binary, panics, data-loss events, unlocated errors,
# hangs (over 2 s), security failures and wrong outcomes (a bad input accepted, or a good
# one refused).
#
#   tests/hostile/tally.sh OLD_BIN NEW_BIN        # e.g. a build of 5631b80, then HEAD
#   TALLY_VERBOSE=1 tests/hostile/tally.sh BIN    # one line per case
#
# Measured on 2026-12-01 (debug builds; 81 inputs: 70 build/check, 11 serve requests),
# panics / data loss / unlocated / hangs / security / wrong outcome:
#   5631b80 (before issue 12)                 0 / 12 / 2 / 9 / 22 / 37
#   01a49ed (issue 12 merged, before the red team)   0 /  1 / 0 / 4 / 10 / 15
#   redteam12                                 0 /  0 / 0 / 0 /  0 /  0
#
# Every case runs in a fresh temporary folder holding a copy of tests/fixtures/base
# (`site/`), a secret and a folder of the user's outside the site (`outside/`) and a
# non-empty folder of the user's (`user/`); nothing outside that folder is touched, so an
# old binary that deletes what `-o` names deletes only the copy. A case is
#   - a panic:        stderr says `panicked`;
#   - a hang:         it ran past 2 s (killed at 10 s);
#   - data loss:      a file of the site (outside the output), of `outside/` or `user/`,
#                     or a kept name of the output (`.git`, `CNAME`) changed or vanished;
#   - unlocated:      it failed with an error that names no file, or (for inputs whose
#                     fault has a place, marked `line`) none with a line and column;
#   - security:       the output carries a script link, a script or an event handler,
#                     a refresh or srcdoc, or the secret; or `serve` answered a foreign
#                     Host or Origin, or served the secret;
#   - wrong outcome:  it built (exit 0) an input that must be refused, or refused one
#                     that must build.
set -u
HERE=$(cd "$(dirname "$0")/../.." && pwd)
FIXTURE=$HERE/tests/fixtures/base
SECRET=SECRET-7f3a-not-for-publication
(($# >= 1)) || {
	echo "usage: $0 BIN [BIN...]" >&2
	exit 2
}

# ---- the cases: name | expected | setup (bash, in the case folder) | args ---------------
# expected: ok (builds), fail (refused), line (refused with an error at file:line:col).
# In setup: $S is the site, $O the outside folder, $U the user's folder, $B the binary.
R=content/demo/2025-report.md
CASES=()
add() { CASES+=("$1"$'\x1f'"$2"$'\x1f'"$3"$'\x1f'"$4"); }
md() { add "links: $1" line "printf '\n%s\n' '$1' >> \$S/$R" "build"; }
optin() { add "links (raw HTML kept): $1" line "echo 'allow_raw_html: true' >> \$S/site.yaml; printf '\n%s\n' '$1' >> \$S/$R" "build"; }

# output paths
add "output: -o . (the site)" fail "" "build -o ."
add "output: -o ./ " fail "" "build -o ./"
add "output: -o content" fail "" "build -o content"
add "output: -o content/../" fail "" "build -o content/../"
add "output: -o public/.." fail "" "build -o public/.."
add "output: -o themes" fail "mkdir -p \$S/themes/news && cp -r $HERE/themes/news/strings.yaml \$S/themes/news/" "build -o themes"
add "output: -o static" fail "mkdir -p \$S/static && echo body{} > \$S/static/site.css" "build -o static"
add "output: -o static via a symlink" fail "mkdir -p \$S/static && echo body{} > \$S/static/site.css && ln -s static \$S/st" "build -o st/out"
add "output: -o the site's parent" fail "" "build -o .."
add "output: -o a symlink to the site" fail "ln -s . \$S/self" "build -o self"
add "output: -o a non-empty folder of the user's" fail "" "build -o ../user"
add "output: -o a symlink to the user's folder" fail "ln -s ../user \$S/ulink" "build -o ulink"
add "output: -o an existing file" fail "" "build -o site.yaml"
add "output: --force on the site" fail "" "build --force -o ."
add "output: --force on content" fail "" "build --force -o content"
add "output: public/.git and CNAME survive" ok "cd \$S && \$B build --quiet && mkdir -p public/.git && echo ref > public/.git/HEAD && echo www.example.gov.cn > public/CNAME" "build"
add "output: a kept link to the user's folder" ok "cd \$S && \$B build --quiet && ln -s ../../outside/folder public/.hidden && ln -s ../../outside/cname public/CNAME" "build"
add "output: keep: [../x]" line "echo 'keep: [../x]' >> \$S/site.yaml" "build"
add "output: keep: ['']" line "echo \"keep: ['']\" >> \$S/site.yaml" "build"
add "output: --root elsewhere, -o . in the user's folder" fail "" "build --root ../site -o ../user"

# links, commentary
md '[点我](javascript://%0aalert(document.domain))'
md '[点我](JaVaScRiPt:alert(1))'
md '[点我](java&#9;script:alert(1))'
md '[点我](&#106;avascript:alert(1))'
md '[点我](%6Aavascript:alert(1))'
md '[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'
md '[点我](vbscript:msgbox(1))'
md '![图](javascript:alert(1))'
md '<javascript:alert(1)>'
md '[a]: javascript:alert(1)'
md '[点我](//evil.example/x)'
md '<a href="javascript:alert(1)">x</a>'
md '<a href="j&#00000000097;vascript:alert(1)">x</a>'
md '<img src="data:image/svg+xml,<svg onload=alert(1)>">'
md '<div style="background:url(javascript:alert(1))">x</div>'
add "links: base_url javascript:" line "sed -i 's|^base_url:.*|base_url: javascript:alert(1)//|' \$S/site.yaml" "build"
add "links: sanitised <script> and onerror" ok "printf '\n%s\n' '<script>alert(1)</script><img src=x.png onerror=alert(1)>' >> \$S/$R" "build"
optin '<script>alert(1)</script>'
optin '<img src=x.png onerror=alert(1)>'
optin '<details open ontoggle=alert(1)>x</details>'
optin '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'
optin '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'
optin '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>'
optin '<svg><style><a href="javascript:alert(1)">x</a></style></svg>'
optin '<a href="j&#00000000097;vascript:alert(1)">x</a>'
optin '<!-- <a title=" --> <a href="javascript:alert(1)">x</a> <!-- " -->'
optin '<? <a title="> <script>alert(1)</script> <? ">'

# sources
add "sources: content/s.png -> the secret" fail "ln -s ../../../outside/shadow \$S/content/demo/s.png" "build"
add "sources: static/s.png -> the secret" fail "mkdir -p \$S/static && ln -s ../../outside/shadow \$S/static/s.png" "build"
add "sources: a theme template -> outside" fail "mkdir -p \$S/themes/news/templates && ln -s ../../../../outside/404.html \$S/themes/news/templates/404.html" "build"
add "sources: backup files x.md~, data.yaml.bak" ok "cp \$S/$R \$S/$R~ && echo '$SECRET' > \$S/content/demo/data.yaml.bak" "build"
add "sources: static/index.html over a page" fail "mkdir -p \$S/static && echo '<p>x</p>' > \$S/static/index.html" "build"
add "sources: content/demo/index.html over a page" fail "echo '<p>x</p>' > \$S/content/demo/index.html" "build"
add "sources: a symlink loop" fail "ln -s l1 \$S/content/demo/l2 && ln -s l2 \$S/content/demo/l1" "build"
add "sources: a non-UTF-8 bulletin name" fail "cp \$S/$R \$S/content/demo/\$'\\xfe'.md" "build"
add "sources: a non-UTF-8 unit folder" fail "mkdir \$S/content/\$'\\xff' && cp \$S/content/demo/data.yaml \$S/content/\$'\\xff'/" "build"

# bounded work
add "bounded: a parent cycle" line "mkdir -p \$S/content/a \$S/content/b && printf -- '---\nname: A\nparent: b\n---\n' > \$S/content/a/_index.md && printf -- '---\nname: B\nparent: a\n---\n' > \$S/content/b/_index.md && printf 'tasks:\n  - id: t\n    title: 任务\n    lead: [A]\n' > \$S/content/a/tasks.yaml" "build"
add "bounded: YAML nested 100,000 deep" line "python3 -c \"open('\$S/content/demo/data.yaml','a').write('x: '+'['*100000+'\\n')\"" "build"
add "bounded: 100,000 invalid components on one line" line "python3 -c \"open('\$S/$R','a').write('\\n'+'{{ nope }}'*100000+'\\n')\"" "check"
add "bounded: 100,000 invalid components" line "python3 -c \"open('\$S/$R','a').write('\\n'+'{{ nope }}\\n'*100000)\"" "check"
add "bounded: a template loop that writes" fail "mkdir -p \$S/themes/news/templates && echo '{% for i in range(end=100000) %}{% for j in range(end=100000) %}.{% endfor %}{% endfor %}' > \$S/themes/news/templates/404.html" "build"
add "bounded: a template loop that writes nothing" fail "mkdir -p \$S/themes/news/templates && echo '{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}' > \$S/themes/news/templates/404.html" "build"
add "bounded: a circular include" line "mkdir -p \$S/themes/news/templates/partials && echo '{% include \"partials/b.html\" %}' > \$S/themes/news/templates/partials/a.html && echo '{% include \"partials/a.html\" %}' > \$S/themes/news/templates/partials/b.html" "build"
add "bounded: 100,000 unclosed <div>" line "python3 -c \"open('\$S/$R','a').write('\\n'+'<div>'*100000+'\\n')\"" "build"
add "bounded: 100,000 nested list items beside a raw tag" line "python3 -c \"open('\$S/$R','a').write('\\n<b>x</b>\\n\\n'+'- '*100000+'x\\n')\"" "build"
add "bounded: a 50 MB bulletin" fail "python3 -c \"open('\$S/$R','a').write('\\n'+('本年度全区经济运行总体平稳，各项工作有序推进。\\n')*800000)\"" "build"
add "bounded: 100,000 footnotes" ok "python3 -c \"open('\$S/$R','a').write('\\n'+''.join('x[^%d]\\n'%i for i in range(30000))+''.join('[^%d]: n\\n'%i for i in range(30000)))\"" "build"
add "bounded: a NUL byte" line "printf 'x\0y\n' >> \$S/$R" "build"
add "bounded: theme not found" line "echo 'theme: nosuch' >> \$S/site.yaml" "build"
add "bounded: an empty tasks.yaml" ok "touch \$S/content/demo/tasks.yaml" "build"

# ---- running ----------------------------------------------------------------------------
digest() { # the files a build must not change: the site but its output, outside/, user/, kept names
	(cd "$1" && find site outside user -path site/public -prune -o -path 'site/.public*' -prune -o \( -type f -o -type l \) -print0 2>/dev/null | sort -z | xargs -0 -r sha1sum 2>/dev/null
		for k in site/public/.git/HEAD site/public/CNAME; do [ -e "$k" ] && sha1sum "$k"; done
		ls site >/dev/null 2>&1 || echo "site gone") | sha1sum
}

unsafe_output() { # prints what makes the output unsafe, if anything
	local out=$1
	[ -d "$out" ] || return 0
	grep -rlaiP '(href|src|action|data|content|style|to|values)\s*=\s*["'"'"']?[^"'"'"'>]*(javascript:|vbscript:|data:text|&#0*106;avascript|&#x0*6a;avascript|j&#0*97;vascript)' "$out" | head -1 | sed 's/^/script link: /'
	grep -rlaiP '<script|<[a-z][^>]*\son[a-z]+\s*=|srcdoc\s*=|http-equiv' "$out" | head -1 | sed 's/^/script: /'
	grep -rla "$SECRET\|root:\$6\|OUTSIDE-TEMPLATE" "$out" | head -1 | sed 's/^/outside file: /'
}

run_case() { # BIN NAME EXPECTED SETUP ARGS -> one line: name rc secs flags
	local B=$1 name=$2 expected=$3 setup=$4 args=$5
	local W
	W=$(mktemp -d /tmp/tally.XXXXXX)
	local S=$W/site O=$W/outside U=$W/user
	cp -r "$FIXTURE" "$S"
	mkdir -p "$O/folder" "$U"
	echo "root:\$6\$$SECRET:19000:0:99999:7:::" >"$O/shadow"
	echo "$SECRET in the user's folder" >"$O/folder/report.xlsx"
	echo www.example.gov.cn >"$O/cname"
	echo "<!doctype html><p>OUTSIDE-TEMPLATE</p>" >"$O/404.html"
	echo "the user's notes" >"$U/notes.txt"
	(cd "$W" && S=$S O=$O U=$U B=$B eval "$setup") >/dev/null 2>&1
	local before
	before=$(digest "$W")
	local start end rc
	start=$(date +%s.%N)
	# shellcheck disable=SC2086
	(cd "$S" && timeout 10 "$B" $args --quiet) >/dev/null 2>"$W/stderr"
	rc=$?
	end=$(date +%s.%N)
	local secs flags=""
	secs=$(echo "$end - $start" | bc)
	grep -q panicked "$W/stderr" && flags+=" PANIC"
	[ "$(echo "$secs > 2" | bc)" = 1 ] && flags+=" HANG"
	[ "$(digest "$W")" != "$before" ] && flags+=" DATA-LOSS"
	if [ $rc != 0 ] && [ $rc != 124 ] && ! grep -q "^Usage:" "$W/stderr" && grep -q '^error' "$W/stderr"; then
		if ! grep -qE -- '-->|┌─' "$W/stderr" ||
			{ [ "$expected" = line ] && ! grep -qE -- '┌─ [^ ]+:[0-9]+:[0-9]+' "$W/stderr"; }; then
			flags+=" UNLOCATED"
		fi
	fi
	local unsafe
	unsafe=$(unsafe_output "$S/public")
	[ -n "$unsafe" ] && flags+=" SECURITY"
	if { [ "$expected" != ok ] && [ $rc = 0 ]; } || { [ "$expected" = ok ] && [ $rc != 0 ]; }; then flags+=" WRONG"; fi
	printf '%-62s rc=%-3s %5.2fs%s\n' "$name" "$rc" "$secs" "$flags"
	[ -n "${TALLY_VERBOSE:-}" ] && [ -n "$unsafe" ] && echo "$unsafe" | sed 's/^/    /'
	[ -n "${TALLY_VERBOSE:-}" ] && [[ $flags == *UNLOCATED* ]] && head -2 "$W/stderr" | sed 's/^/    /'
	chmod -R u+w "$W" 2>/dev/null
	rm -rf "$W"
}

# serve: requests in raw HTTP over bash's /dev/tcp
serve_cases() { # BIN -> one line per request
	local B=$1 W port
	W=$(mktemp -d /tmp/tally.XXXXXX)
	cp -r "$FIXTURE" "$W/site"
	mkdir -p "$W/outside"
	echo "root:\$6\$$SECRET" >"$W/outside/shadow"
	ln -s ../../../outside/shadow "$W/site/content/demo/s.png"
	port=$((20000 + RANDOM % 20000))
	(cd "$W/site" && exec "$B" serve --port "$port" >"$W/serve.out" 2>&1) &
	local pid=$!
	for _ in $(seq 100); do
		grep -q "http://" "$W/serve.out" 2>/dev/null && break
		sleep 0.1
	done
	local good="Host: 127.0.0.1:$port"
	local ws="Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="
	local -a reqs=(
		"serve: Host evil.example|GET /tjgb/ HTTP/1.1\r\nHost: evil.example:$port"
		"serve: Host 127.0.0.1.nip.io|GET /tjgb/ HTTP/1.1\r\nHost: 127.0.0.1.nip.io:$port"
		"serve: no Host (HTTP/1.0)|GET /tjgb/ HTTP/1.0"
		"serve: absolute-form http://evil/|GET http://evil.example/tjgb/ HTTP/1.1\r\n$good"
		"serve: a second, foreign Host|GET /tjgb/ HTTP/1.1\r\n$good\r\nHost: evil.example"
		"serve: WebSocket from Origin evil|GET /__bulletin/livereload HTTP/1.1\r\n$good\r\n$ws\r\nOrigin: http://evil.example"
		"serve: WebSocket from Origin null|GET /__bulletin/livereload HTTP/1.1\r\n$good\r\n$ws\r\nOrigin: null"
		"serve: the secret through a symlink|GET /tjgb/demo/s.png HTTP/1.1\r\n$good"
		"serve: ..%2f traversal|GET /tjgb/..%2f..%2fsite.yaml HTTP/1.1\r\n$good"
		"serve: %2e%2e traversal|GET /tjgb/%2e%2e/%2e%2e/site.yaml HTTP/1.1\r\n$good"
		"serve: backslash traversal|GET /tjgb/..\\\\..\\\\site.yaml HTTP/1.1\r\n$good"
	)
	local r name head reply status flags
	for r in "${reqs[@]}"; do
		name=${r%%|*}
		head=${r#*|}
		reply=$(HEAD="$head" PORT=$port timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/$PORT; printf "%b\r\nConnection: close\r\n\r\n" "$HEAD" >&3; head -c 4000 <&3' 2>/dev/null | tr -d '\0')
		status=$(echo "$reply" | head -1 | awk '{print $2}')
		flags=""
		case $status in 200 | 101) flags=" SECURITY" ;; esac
		echo "$reply" | grep -q "$SECRET\|^base_url" && flags=" SECURITY"
		printf '%-62s %-7s %s\n' "$name" "${status:-none}" "$flags"
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -rf "$W"
}

for BIN in "$@"; do
	BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
	echo "== $BIN"
	lines=$(
		for c in "${CASES[@]}"; do
			IFS=$'\x1f' read -r name expected setup args <<<"$c"
			run_case "$BIN" "$name" "$expected" "$setup" "$args"
		done
		serve_cases "$BIN"
	)
	if [ -n "${TALLY_VERBOSE:-}" ]; then echo "$lines"; fi
	total=$(echo "$lines" | grep -c '^[a-z]')
	count() { echo "$lines" | grep -c " $1"; }
	echo "cases $total: panics $(count PANIC), data loss $(count DATA-LOSS), unlocated $(count UNLOCATED), hangs $(count HANG), security $(count SECURITY), wrong outcome $(count WRONG)"
done
