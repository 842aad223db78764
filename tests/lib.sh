# tests/lib.sh: helpers for tests/run (sourced).

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

# t NAME STATUS 'COMMAND' STDOUT [STDERR]
# Runs COMMAND with sh in $O, stdin from /dev/null unless redirected, and
# checks its exit status, stdout and stderr (default: not checked).
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

t() {
	_name=$1 _want=$2 _cmd=$3 _out=$4 _err=${5-*}
	needs_corpus "$_cmd$_out$_err" && return 0
	(cd "$O" && sh -c "$_cmd") >"$O/$_name.out" 2>"$O/$_name.err" \
	    </dev/null
	_rc=$?
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
	if (cd "$O" && sh -c "$2") >"$O/$1.log" 2>&1 </dev/null; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1: $2"
		head -n 5 "$O/$1.log" | sed 's/^/  /'
	fi
}

# messy SRC DIR: write SRC (canonical PEM) into DIR in every messy form
# the reader accepts (CONVENTIONS.md section 4), one file per form.
messy() {
	mkdir -p "$2"
	sed 's/$/\r/' "$1" >"$2/crlf.pem"
	tr '\n' '\r' <"$1" >"$2/cr.pem"
	{ printf '\357\273\277'; cat "$1"; } >"$2/bom.pem"
	awk '/BEGIN/ { print "subject=CN = x"; print "Bag Attributes" }
	    { print } END { print "trailing text" }' "$1" >"$2/text.pem"
	sed 's/^/    /' "$1" >"$2/indent.pem"
	sed 's/^/\t/' "$1" >"$2/tabs.pem"
	awk '/-----BEGIN/ { print; b = ""; next }
	    /-----END/ { print b; print; next } { b = b $0 }' "$1" \
	    >"$2/longline.pem"
	awk '/-----END/ { print; next } { printf "%s ", $0 }' "$1" \
	    >"$2/oneline.pem"
	tr '\n' ' ' <"$1" >"$2/spaces.pem"
	awk '/-----END/ { printf "%s", $0; next } { print }' "$1" \
	    >"$2/glued.pem"
	sed 's/-----\(BEGIN\|END\) CERTIFICATE-----/-----\1 X509 CERTIFICATE-----/' \
	    "$1" >"$2/legacy.pem"
	awk '{ printf "%s\\n", $0 }' "$1" | \
	    sed 's/^/{"pem": "/; s/$/"}/' >"$2/json.pem"
	awk '{ printf "%s\\n", $0 }' "$1" >"$2/escaped.pem"
	head -c -1 "$1" >"$2/nofinalnl.pem"
}
