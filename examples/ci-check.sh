#!/bin/sh
# examples/ci-check.sh: the CI gate for a repository of certificate files.
#
#   ci-check.sh [--json] [--days N] [--name NAME ...] [--system] DIR
#
# Checks that every file under DIR is readable PEM/DER, every private key
# has its certificate, every file holding a leaf has a complete chain
# (with the other files, and the system store under --system), nothing
# expires within N days (default 30) and each NAME is covered by a leaf.
# Prints one line per check (NDJSON with --json) and a summary; exits 0
# when all pass, 1 when a check fails, 2 when a file cannot be read.
# Uses the pemkit filters from PATH, or from ../bin next to this script.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/../bin/key-match" ] && PATH="$here/../bin:$PATH"
json=0 days=30 sys= names=
while [ $# -gt 0 ]; do
	case $1 in
	--json) json=1 ;;
	--days) days=$2; shift ;;
	--name) names="$names $2"; shift ;;
	--system) sys=-S ;;
	--) shift; break ;;
	-*) echo "usage: ci-check.sh [--json] [--days N] [--name NAME ...] [--system] DIR" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: ci-check.sh [--json] [--days N] [--name NAME ...] [--system] DIR" >&2; exit 2; }
dir=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0 failed=0 trouble=0

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

find "$dir" -type f ! -name '.*' | sort >"$T/files"
: >"$T/keys"; : >"$T/certs"; : >"$T/leaves"
while IFS= read -r f; do
	if pem-split -c "$f" >/dev/null 2>"$T/err"; then
		report readable "$f" true ""
	else
		report readable "$f" false "$(msg)"
		trouble=1
		continue
	fi
	pem-split -t key "$f" 2>/dev/null | grep -q BEGIN && echo "$f" >>"$T/keys"
	if pem-split -t cert "$f" 2>/dev/null | grep -q BEGIN; then
		echo "$f" >>"$T/certs"
		cert-info -f '%{role}' "$f" 2>/dev/null | grep -qx leaf && echo "$f" >>"$T/leaves"
	fi
done <"$T/files"

# every key has its certificate
while IFS= read -r k; do
	set --
	while IFS= read -r c; do set -- "$@" "$c"; done <"$T/certs"
	if pem-split -t key "$k" 2>/dev/null | key-match --find - "$@" \
	    >/dev/null 2>"$T/err"; then
		report key "$k" true ""
	else
		report key "$k" false "$(msg)"
	fi
done <"$T/keys"
# every leaf's chain is complete with the other files as trust
while IFS= read -r l; do
	set --
	while IFS= read -r c; do [ "$c" = "$l" ] || set -- "$@" -C "$c"; done <"$T/certs"
	if chain-order $sys "$@" "$l" >/dev/null 2>"$T/err"; then
		report chain "$l" true ""
	else
		report chain "$l" false "$(msg)"
	fi
done <"$T/leaves"
# nothing expires within the window
while IFS= read -r c; do
	if cert-info -e "${days}d" "$c" >/dev/null 2>"$T/err"; then
		report expiry "$c" true ""
	else
		report expiry "$c" false "$(msg)"
	fi
done <"$T/certs"
# each name is covered by some leaf
for name in $names; do
	by=
	while IFS= read -r l; do
		cert-info -H "$name" "$l" >/dev/null 2>&1 && { by=$l; break; }
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
