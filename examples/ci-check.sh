#!/bin/sh
# examples/ci-check.sh: the CI gate for a repository of certificate files
# (installed as pemkit-ci-check, with its man page).
#
#   ci-check.sh [--json] [--days N] [--name NAME ...] [--ca-file FILE]
#               [--passin SOURCE] [--no-system] DIR
#
# Every file under DIR must be readable PEM/DER (PKCS#12 and encrypted
# keys opened with --passin); every private key must have its
# certificate somewhere in DIR; every file holding a leaf must itself hold
# every intermediate up to a root the gate trusts (a self-signed
# certificate in DIR, --ca-file, or the system store), as a server reads
# that file alone; nothing may expire within N days (default 30; "30" or
# "30d"); each NAME must be covered by a leaf.  Prints one line per check
# (NDJSON with --json) and a summary; exits 0 when all pass, 1 when a
# check fails, 2 when a file cannot be read or an option is wrong.
# Each file is read a fixed number of times: the run time grows linearly.
# Uses the pemkit filters from PATH, or from ../bin next to this script.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/../bin/key-match" ] && PATH="$here/../bin:$PATH"
usage() {
	echo "usage: ci-check.sh [--json] [--days N] [--name NAME ...] [--ca-file FILE]" >&2
	echo "                   [--passin SOURCE] [--no-system] DIR" >&2
	exit 2
}
json=0 days=30 names= cafile= pass= nosys=
while [ $# -gt 0 ]; do
	case $1 in
	--json) json=1 ;;
	--days) [ $# -ge 2 ] || usage; days=$2; shift ;;
	--name) [ $# -ge 2 ] || usage; names="$names $2"; shift ;;
	--ca-file) [ $# -ge 2 ] || usage; cafile=$2; shift ;;
	--passin) [ $# -ge 2 ] || usage; pass=$2; shift ;;
	--no-system) nosys=-N ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done
case $days in
''|*[!0-9d]*|*d*d*|d*|*d?*)
	echo "ci-check.sh: --days takes a number of days: 30 or 30d, not \"$days\"" >&2
	exit 2 ;;
esac
days=${days%d}
[ $# -eq 1 ] && [ -d "$1" ] || usage
[ -z "$cafile" ] || [ -r "$cafile" ] || {
	echo "ci-check.sh: --ca-file $cafile: cannot read it" >&2; exit 2; }
dir=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 failed=0 trouble=0
set -- ${pass:+--passin "$pass"}
pw="$*"			# the --passin option, for the filters

# report CHECK FILE OK MESSAGE
report() {
	n=$((n + 1))
	[ "$3" = true ] || failed=$((failed + 1))
	if [ $json = 1 ]; then
		jq -cn --arg c "$1" --arg f "$2" --argjson ok "$3" --arg m "$4" \
		    '{schema: "pemkit/1", check: $c, source: $f, ok: $ok, message: $m}'
	else
		[ "$3" = true ] && s=ok || s=FAIL
		printf '%-4s %-9s %s%s\n' "$s" "$1" "$2" "${4:+: $4}"
	fi
}
msg() { tr '\n' ' ' <"$T/err" | sed 's/ *$//'; }

# One run of cert-info over every file (-c: every block decoded, keys
# too): read errors and expiry messages name file:line, and each
# certificate's role and SubjectPublicKeyInfo digest.  One run of
# key-match over the readable files: each key's digest.  Then one
# chain-order per file holding a leaf.  So the run time grows linearly,
# and each filter starts a fixed number of times, not once per file.
find "$dir" -type f ! -name '.*' | sort >"$T/files"
set --
while IFS= read -r f; do set -- "$@" "$f"; done <"$T/files"
# shellcheck disable=SC2086
cert-info -c $pw -e "${days}d" -f '%{source}	%{index}	%{role}	%{spki_sha256}' \
    "$@" >"$T/info" 2>"$T/err"
[ $? -gt 1 ] && trouble=1
# per file: its first read error, its expiry messages (cert-info's own
# words: "expires on", "expired on", "is not valid before")
awk -v errs="$T/err" -v info="$T/info" '
	BEGIN { FS = "\t"
		while ((getline l < errs) > 0) {
			sub(/^cert-info: /, "", l)
			e[++ne] = l }
		while ((getline l < info) > 0) { split(l, a, "\t"); cert[a[1]] = 1 } }
	{ f = $0; bad = ""; ex = ""
	  for (i = 1; i <= ne; i++) {
		if (index(e[i], f ":") != 1) continue
		m = e[i]
		if (m ~ / (expires on|expired on|is not valid before) /) ex = ex (ex != "" ? " " : "") m
		else if (bad == "") bad = m }
	  print (bad == "" ? "ok" : "bad") "\t" f "\t" bad
	  if (bad == "" && cert[f]) print "exp\t" f "\t" ex }' "$T/files" >"$T/verdicts"
: >"$T/readable"
while IFS='	' read -r kind f m; do
	case $kind in
	ok) report readable "$f" true ""; echo "$f" >>"$T/readable" ;;
	bad) report readable "$f" false "$m"; trouble=1 ;;
	exp) [ -z "$m" ] && report expiry "$f" true "" ||
	    report expiry "$f" false "$m" ;;
	esac
done <"$T/verdicts"
awk -F'\t' '$3 == "leaf" && !seen[$1]++ { print $1 }' "$T/info" >"$T/leaves"
awk -F'\t' '{ print $4, $1 }' "$T/info" >"$T/spki"
# the trusted roots: the self-signed certificates of the repository
: >"$T/roots.pem"
[ -z "$cafile" ] || cat "$cafile" >>"$T/roots.pem"
awk -F'\t' '$3 == "root" { print $1 "\t" $2 }' "$T/info" |
while IFS='	' read -r f i; do
	# shellcheck disable=SC2086
	pem-split $pw -t cert -n "$i" "$f" >>"$T/roots.pem" 2>/dev/null
done
[ -s "$T/roots.pem" ] && roots="-C $T/roots.pem" || roots=

# every key has its certificate: its digest among the certificates'.
# The readable files twice, so key-match has something to match; it
# prints each object's digest (sed, not jq: jq's start-up would be most
# of the gate's time).
set --
while IFS= read -r f; do set -- "$@" "$f"; done <"$T/readable"
if [ $# -gt 0 ]; then
	# shellcheck disable=SC2086
	key-match $pw --all --json "$@" "$@" >"$T/km" 2>"$T/err"
	if [ $? -eq 2 ]; then	# a key that cannot be read: trouble
		awk '!seen[$0]++' "$T/err" | grep -v '^  ' >"$T/err1"
		while IFS= read -r l; do
			f=$(printf '%s\n' "$l" | sed -n 's/^key-match: \([^:]*\):.*/\1/p')
			report key "${f:-?}" false "$l"
		done <"$T/err1"
		trouble=1
	fi
fi
: >>"$T/km"
sed -n 's/^{"schema":"pemkit\/1","source":"\(.*\)","index":[0-9]*,"line":\([0-9a-z]*\),"type":"key",.*,"spki_sha256":"\([0-9a-f]*\)".*/\3 \1 \2/p' \
    "$T/km" | sort -u | awk -v spki="$T/spki" -v dir="$dir" '
	BEGIN { while ((getline l < spki) > 0) { split(l, a, " ");
		if (!(a[1] in by)) by[a[1]] = substr(l, length(a[1]) + 2) } }
	{ at = $3 == "null" ? $2 : $2 ":" $3
	  if ($1 in by) print "true\t" at "\tits certificate is in " by[$1]
	  else print "false\t" at "\tno certificate in " dir " carries this key (SPKI SHA-256 " $1 ")" }' |
while IFS='	' read -r ok at m; do report key "$at" "$ok" "$m"; done >"$T/keyrep"
n=$((n + $(grep -c . "$T/keyrep")))
failed=$((failed + $(grep -c -e '^FAIL' -e '"ok":false' "$T/keyrep")))
cat "$T/keyrep"
# every leaf's file holds its whole chain, up to a trusted root
while IFS= read -r l; do
	# shellcheck disable=SC2086
	if chain-order $pw $nosys $roots "$l" >/dev/null 2>"$T/err"; then
		report chain "$l" true ""
	else
		why=$(sed -n '1s/^chain-order: chain incomplete: //p' "$T/err")
		report chain "$l" false "chain incomplete in this file: add the missing issuer: ${why:-$(msg)}"
	fi
done <"$T/leaves"
# each name is covered by some leaf
for name in $names; do
	by=
	while IFS= read -r l; do
		# shellcheck disable=SC2086
		cert-info $pw -H "$name" "$l" >/dev/null 2>&1 && { by=$l; break; }
	done <"$T/leaves"
	if [ -n "$by" ]; then
		report name "$name" true "covered by $by"
	else
		report name "$name" false "no leaf covers it"
	fi
done
if [ $json = 1 ]; then
	jq -cn --argjson n $n --argjson f $failed \
	    '{schema: "pemkit/1", check: "summary", checks: $n, failed: $f}'
else
	echo "$n checks, $failed failed"
fi
[ $trouble = 1 ] && exit 2
[ $failed -gt 0 ] && exit 1
exit 0
