# tests/lib/cases.sh: the case helpers of tests/run (sourced): t, ok, tc
# and the skip rules (needs_corpus, needs).

# cmp_spec FILE SPEC: does FILE hold what SPEC says?
#   *       anything
#   ''      nothing
#   @PATH   the bytes of PATH
#   TEXT    TEXT followed by a newline
cmp_spec() {
	case $2 in
	'*') return 0 ;;
	'') [ ! -s "$1" ] ;;
	@*) cmp -s "$1" "${2#@}" ;;
	*) printf '%s\n' "$2" | cmp -s "$1" - ;;
	esac
}

# needs_corpus TEXT: 0 (and the case counted as skipped) when TEXT names
# the corpus and the corpus is absent
needs_corpus() {
	[ -d "$C" ] && return 1
	case $1 in *"$C"*) skip=$((skip + 1)); return 0 ;; esac
	return 1
}

# tc: t for a case whose input comes from the corpus by other means than
# its command line (a script that reads it, a list made from it)
tc() {
	if [ ! -d "$C" ]; then
		skip=$((skip + 1))
		return 0
	fi
	t "$@"
}

# needs TOOL...: 0 when every TOOL is a command here; else 1, the case
# that follows counted as skipped and the tool named in the summary
# (issue 24 item 11: a missing promtool is not a failure of pemkit; CI,
# which installs them all, fails on any skip).  For a case whose command
# does not name the tool (it computes the expected output, or a server
# started before it needs it):
#	needs danetool && t ok-... 0 '...' "$(danetool ...)"
needs() {
	for _tool; do
		command -v "$_tool" >/dev/null 2>&1 && continue
		skip_tool=$((skip_tool + 1))
		case " $tools_missing " in
		*" $_tool "*) ;;
		*) tools_missing="${tools_missing:+$tools_missing }$_tool" ;;
		esac
		return 1
	done
	return 0
}

# requires [TOOL...]: every case from here to the next `requires` (or the
# end of the t-file: tests/run clears it) needs TOOL, as `needs` says;
# for a section whose server runs on it (python3).
requires() {
	requires_tools="$*"
}

# lacks_tool TEXT: 0 (and the case counted as skipped) when a tool that
# `requires` named, or that TEXT names, is not a command here.  The
# optional tools are the ones CI installs and a workstation may lack
# (GNU parallel for t-parallel.sh); tests/fake.sh and tests/aia-server.py
# run on python3.
lacks_tool() {
	for _w in $requires_tools promtool danetool keytool parallel \
	    fake.sh aia-server.py; do
		case " $requires_tools " in
		*" $_w "*) ;;
		*) case $1 in *"$_w"*) ;; *) continue ;; esac ;;
		esac
		case $_w in fake.sh|aia-server.py) _w=python3 ;; esac
		needs "$_w" || return 0
	done
	return 1
}

# t NAME STATUS 'COMMAND' STDOUT [STDERR]
# Runs COMMAND with sh in $O, stdin from /dev/null unless redirected, and
# checks its exit status, stdout and stderr (default: not checked).
t() {
	_name=$1 _want=$2 _cmd=$3 _out=$4 _err=${5-*}
	needs_corpus "$_cmd$_out$_err" && return 0
	lacks_tool "$_cmd" && return 0
	[ -z "${CASE_TIMES-}" ] || _t0=$(date +%s%N)
	(cd "$O" && sh -c "$_cmd") >"$O/$_name.out" 2>"$O/$_name.err" \
	    </dev/null
	_rc=$?
	# CASE_TIMES=1: each case's milliseconds in $O_ROOT/case-times, for
	# the suite's budget (sort -rn tests/out/case-times | head)
	[ -z "${CASE_TIMES-}" ] || echo "$((($(date +%s%N) - _t0) / 1000000)) $_name" \
	    >>"$O_ROOT/case-times"
	_why=
	[ "$_rc" = "$_want" ] || _why="exit status $_rc, want $_want"
	cmp_spec "$O/$_name.out" "$_out" || _why="$_why${_why:+; }stdout differs"
	cmp_spec "$O/$_name.err" "$_err" || _why="$_why${_why:+; }stderr differs"
	if [ -z "$_why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $_name: $_why"
		echo "  command: $_cmd"
		sed 's/^/  stderr: /' "$O/$_name.err" | head -n 5
		case $_out in
		@*) diff "${_out#@}" "$O/$_name.out" | head -n 6 | \
			sed 's/^/  diff: /' ;;
		esac
		case $_err in
		'*'|@*) ;;
		*) echo "  want stderr: $_err" | head -n 5 ;;
		esac
	fi
}

# ok NAME 'SHELL TEST': a case that passes when the test exits 0.
ok() {
	needs_corpus "$2" && return 0
	lacks_tool "$2" && return 0
	if (cd "$O" && sh -c "$2") >"$O/$1.log" 2>&1 </dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: $2"
		head -n 5 "$O/$1.log" | sed 's/^/  /'
	fi
}

# lint_own PREFIX [OPTION ...] <<EOF, one "ID FILE" a line: the positive
# case of each lint rule, named PREFIX-ID: `cert-lint OPTION... --only ID
# FILE` draws ID and nothing else, exit 1 for an error rule and 0 for a
# warning or notice; an ID that cert-lint -L does not list fails (want
# 9).  The rule table is read once.
lint_own() {
	_lp=$1
	shift
	_lsev=$(cert-lint -L | awk '{ print $1, $2 }')
	while read -r _lid _lfile; do
		case $(printf '%s\n' "$_lsev" |
		    awk -v id="$_lid" '$1 == id { print $2 }') in
		error) _lwant=1 ;;
		'') _lwant=9 ;;
		*) _lwant=0 ;;
		esac
		t "$_lp-$_lid" $_lwant "cert-lint $* --only $_lid $_lfile >f; s=\$?; cut -d' ' -f3 f | sort -u; exit \$s" "$_lid:" ''
	done
}
