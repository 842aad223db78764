#!/bin/sh
# examples/ci-check.sh: the CI gate for a repository of certificate files
# (installed as pemkit-ci-check, with its man page).  It judges the units
# a server loads, not loose files:
#
#   unit        a directory's private key with the leaf certificates
#               beside it (certbot's live/NAME/ is one); a name pair
#               (X.key with X.crt, X.pem, X.cer, X-chain.pem,
#               X.fullchain.pem); a merged file (key and chain in one
#               file, IceWarp, HAProxy, PKCS#12)
#   pair        each key is the key of its unit's leaves, and only there
#   leaves      one leaf per file (two: the old certificate left in)
#   chain       each served chain, or a leaf-only file with the unit's
#               chain file (chain.crt, chain.pem), is exactly what a
#               server should send: `chain-order -s`
#   expiry      no certificate of the unit is expired, not yet valid or
#               expiring within --days (by default 30 days or a third
#               of its lifetime, whichever leaves less)
#   name        each --name is covered by some leaf
#   lint        with --lint: each leaf has no error finding of cert-lint
#               (the CA/B Forum's rules and RFC 5280's; RFC 5280's only
#               under --ca-file, a private PKI, as pemkit-deploy does)
#   readable    every file with certificate material can be read
#
# Each verdict's reason comes from the filters' --json output or exit
# status; their own words go to stderr.  Each filter starts a fixed
# number of times over all the files, except chain-order (once per
# served chain): the run time grows linearly.  Needs jq.
# Uses the pemkit filters from PATH, or from ../bin next to this script.
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$here/../bin/key-match" ] && PATH="$here/../bin:$PATH"
me=${0##*/}
synopsis() {
	echo "usage: $me [-h] [--json] [--at TIME] [--ca-file FILE] [--days N]"
	echo "       [--exclude GLOB ...] [--lint] [--name NAME ...] [--no-system]"
	echo "       [--passin SOURCE] DIR"
}
usage() { synopsis >&2; exit 2; }
help() {
	synopsis
	cat <<'EOF'
options:
  -h, --help            print this help and exit
  --json                NDJSON, one object per verdict, and a summary
  --at TIME             judge validity at TIME, not now (2030-01-31, @EPOCH)
  --ca-file FILE        trust the certificates of FILE (your own root)
  --days N              fail a certificate expiring within N: days (30, 30d),
                        12h, a share of its lifetime (33%, 1/3) or both
                        (30d,1/3, the default: whichever leaves less)
  --exclude GLOB        skip files and directories matching GLOB
  --lint                each leaf must have no error finding of cert-lint
  --name NAME           some leaf must cover NAME (repeatable)
  --no-system           do not trust the system store
  --passin SOURCE       passphrase of keys and PKCS#12: env:, file:, fd:, pass:
EOF
	exit 0
}
json=0 days=30d,1/3 names= cafile= pass= nosys= at= lint=0
set -f
excl=
while [ $# -gt 0 ]; do
	case $1 in
	-h|--help) help ;;
	--json) json=1 ;;
	--at) [ $# -ge 2 ] || usage; at=$2; shift ;;
	--days) [ $# -ge 2 ] || usage; days=$2; shift ;;
	--exclude) [ $# -ge 2 ] || usage; excl="$excl$2
"; shift ;;
	--lint) lint=1 ;;
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
# --days as cert-info -e takes it (parse_within in common/base/parse.c):
# the gate's seconds and millionths of the lifetime, -1 for none
gate=$(awk -v s="$days" '
function part(p,   u, m, f) {
	if (p ~ /^[0-9]+(\.[0-9][0-9]?[0-9]?[0-9]?)?%$/) {
		if ((p + 0) > 100 || ns++) return 0
		ppm = int((substr(p, 1, length(p) - 1) + 0) * 10000 + 0.5); return 1 }
	if (p ~ /^[0-9]+\/[1-9][0-9]*$/) {
		split(p, f, "/")
		if (f[1] + 0 > f[2] + 0 || f[2] + 0 > 1000000 || ns++) return 0
		ppm = int((f[1] * 1000000 + f[2] - 1) / f[2]); return 1 }
	if (p ~ /^[0-9]+[wdhms]?$/) {
		if (nd++) return 0
		u = substr(p, length(p))
		m = u == "w" ? 604800 : u == "h" ? 3600 : u == "m" ? 60 : u == "s" ? 1 : 86400
		secs = (p + 0) * m; return 1 }
	return 0
}
BEGIN { secs = ppm = -1; n = split(s, a, ",")
	if (n >= 1 && n <= 2 && part(a[1]) && (n == 1 || part(a[2])))
		print secs, ppm
}')
[ -n "$gate" ] || {
	echo "$me: --days takes days (30, 30d), 12h, a share of the lifetime (33%, 1/3) or both (30d,1/3), not \"$days\"" >&2
	exit 2; }
gsecs=${gate% *} gppm=${gate#* }
[ $# -eq 1 ] || usage
dir=${1%/}
[ -n "$dir" ] || dir=/
[ -d "$dir" ] || { echo "$me: $dir: not a directory" >&2; exit 2; }
[ -z "$cafile" ] || [ -r "$cafile" ] || {
	echo "$me: --ca-file $cafile: cannot read it" >&2; exit 2; }
# the instant judged, and the end of the expiry window, as the ISO 8601
# strings of cert-info --json (which compare as text)
if [ -n "$at" ]; then
	now=$(date -u -d "$at" +%s 2>/dev/null) || {
		echo "$me: --at $at: not a time (2030-01-31, @EPOCH)" >&2
		exit 2; }
else
	now=$(date -u +%s)
fi
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ; }
# the lines of a file (its first tab-separated field) as quoted words,
# for eval "set -- $(words FILE)": one pass, where a loop of
# set -- "$@" "$f" copies the list at each step
words() { awk -F'\t' '{ gsub(/'\''/, "'\''\\\\'\'''\''", $1); printf "'\''%s'\'' ", $1 }' "$1"; }
atiso=$(iso "$now")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# CI_CHECK_KEEP=1 keeps the work directory (its name on stderr), to debug
[ -n "${CI_CHECK_KEEP-}" ] && trap 'echo "$T" >&2' EXIT
set -- ${pass:+--passin "$pass"} ${at:+--at "$at"}
pw="$*"			# --passin and --at, for the filters
set -- ${pass:+--passin "$pass"}
pk="$*"			# --passin alone (key-match has no --at)
set +f

# The files: symlinks followed (certbot's live/ into archive/), hidden
# files and directories (.git) and --exclude left out.  certbot's
# archive/ beside a live/ is its history: judged through live/ only.
set -f
set -- \( -name '.*' ! -path "$dir" \) -prune
oldifs=$IFS IFS='
'
for g in $excl; do set -- "$@" -o -path "$dir/$g" -prune -o -name "$g" -prune; done
IFS=$oldifs
set +f
find -L "$dir" "$@" -o -type f -print 2>"$T/find.err" | sort >"$T/all"
# a symbolic link to nothing (-L: only those are still links): a server
# fails to load it
find -L "$dir" "$@" -o -type l -print 2>/dev/null | sort >"$T/dangling"
[ -s "$T/find.err" ] && cat "$T/find.err" >&2
awk -v d="$dir" '{ p = $0
	if ((i = index(p, "/archive/")) > 0) { print substr(p, 1, i - 1) } }' \
    "$T/all" | sort -u | while IFS= read -r p; do
	[ -d "$p/live" ] && printf '%s/archive/\n' "$p"
done >"$T/history"
awk -v hist="$T/history" 'BEGIN { while ((getline l < hist) > 0) h[++n] = l }
	{ for (i = 1; i <= n; i++) if (index($0, h[i]) == 1) next; print }' \
    "$T/all" >"$T/files"
# by content: PEM (a BEGIN line), DER (starts with a SEQUENCE, "0"),
# a private key, an encrypted one; everything else is skipped
eval "set -- $(words "$T/files")"
: >"$T/scan"
[ $# -gt 0 ] && LC_ALL=C awk '
	function flush() { if (f != "" && (pem || der)) print f "\t" pem "\t" der "\t" key "\t" enc }
	FNR == 1 { flush(); f = FILENAME; pem = key = enc = 0
		der = substr($0, 1, 1) == "0" }
	/-----BEGIN / { pem = 1 }
	/PRIVATE KEY-----/ { key = 1 }
	/ENCRYPTED/ { enc = 1 }
	END { flush() }' "$@" >"$T/scan"
nfiles=$#
nmat=$(grep -c . "$T/scan")
skipped=$((nfiles - nmat))
if [ "$nmat" -eq 0 ] && [ ! -s "$T/dangling" ]; then
	echo "$me: no certificate files under $dir" >&2
	exit 2
fi
trouble=0

# every key: key-match --all --json over the files that may hold one,
# in two halves beside cert-info (the three share the two cores); a
# file given twice, as key-match compares two objects at least.  When
# a half cannot open one, each of its files is tried alone, to name it.
awk -F'\t' '$4 == 1 || $3 == 1' "$T/scan" >"$T/keyfiles"
keys() {	# keys HALF: lines HALF, HALF+2, ... of keyfiles
	h=$1
	awk -v h="$h" 'NR % 2 == h' "$T/keyfiles" >"$T/kf$h"
	[ -s "$T/kf$h" ] || return 0
	eval "set -- $(words "$T/kf$h")"
	# shellcheck disable=SC2086
	key-match --all --json $pk "$@" "$1" >"$T/km$h.json" 2>/dev/null
	[ $? -eq 2 ] || return 0
	: >"$T/km$h.json"
	while IFS='	' read -r f _ _ _ enc; do
		# shellcheck disable=SC2086
		key-match --all --json $pk "$f" "$f" >>"$T/km$h.json" 2>"$T/km$h.e1"
		[ $? -eq 2 ] || continue
		cat "$T/km$h.e1" >>"$T/km$h.err"
		m="cannot be opened (key-match exit 2)"
		[ "$enc" = 1 ] && [ -z "$pass" ] && m="$m: encrypted: give --passin"
		printf '%s\t%s\n' "$f" "$m" >>"$T/keybad"
	done <"$T/kf$h"
}
: >"$T/keybad"
keys 0 &
keys 1 &

# every certificate: one cert-info --json over them all.  When it
# cannot read one, each file is tried alone to name it: pem-split -c
# decodes every block (keys too), and cert-info opens the DER files
# (PKCS#12 without --passin)
eval "set -- $(words "$T/scan")"
: >"$T/bad"
: >"$T/info.json"
r=0
# shellcheck disable=SC2086
[ $# -eq 0 ] || cert-info --json $pw "$@" >"$T/info.json" 2>"$T/ci.err" || r=$?
if [ $r -eq 2 ]; then
	while IFS='	' read -r f _ der _; do
		if ! pem-split -c "$f" >/dev/null 2>>"$T/bad.err"; then
			printf '%s\tcannot be read (pem-split exit 2)\n' "$f"
			continue
		fi
		[ "$der" = 1 ] || continue
		# shellcheck disable=SC2086
		cert-info $pw "$f" >/dev/null 2>>"$T/bad.err"
		[ $? -eq 2 ] || continue
		m="cannot be opened (cert-info exit 2)"
		[ -z "$pass" ] && m="$m: give --passin"
		printf '%s\t%s\n' "$f" "$m"
	done <"$T/scan" >"$T/bad"
	[ -s "$T/bad" ] && { trouble=1; awk '!seen[$0]++' "$T/bad.err" >&2; }
fi
jq -r '[.source, .index, .role, .spki_sha256, .not_before, .not_after,
	(.subject // ""), (.self_signed | tostring), (.san.dns | join(",")),
	(.san.ip | join(","))] | @tsv' "$T/info.json" >"$T/info"
wait
[ -s "$T/keybad" ] && trouble=1
cat "$T"/km*.err 2>/dev/null | awk '!seen[$0]++' >&2
cat "$T"/km*.json 2>/dev/null |
    jq -r 'select(.type == "key") | [.source, .spki_sha256] | @tsv' |
    awk '!seen[$0]++' >"$T/keys"

# The units and their verdicts.  Each verdict line: unit number, check
# number, ok|FAIL, check, unit, message.  chain: the files to give
# chain-order -s; root: the self-signed certificates (trusted); name:
# the leaf that may cover each --name (cert-info -H decides).
awk -F'\t' -v good="$T/scan" -v info="$T/info" -v keys="$T/keys" \
    -v bad="$T/bad" -v keybad="$T/keybad" -v dangling="$T/dangling" -v at="$atiso" -v now="$now" \
    -v gsecs="$gsecs" -v gppm="$gppm" -v names="$names" -v V="$T/verdicts" -v J="$T/jobs" \
    -v R="$T/roots" -v N="$T/names" -v U="$T/units" -v LJ="$T/lintjobs" '
function dirof(p) { return p ~ /\// ? substr(p, 1, match(p, /\/[^\/]*$/) - 1) : "." }
function baseof(p) { sub(/.*\//, "", p); return p }
# f as named in the verdicts of unit u: below the directory of u
function rel(u, f,   d) { d = (u in isdir) ? u : dirof(u)
	return index(f, d "/") == 1 ? substr(f, length(d) + 2) : f }
# seconds since the epoch of an ISO 8601 UTC time (days from the civil
# date, the civil-from-days algorithm of H. Hinnant)
function epoch(t,   y, m, d, era, yoe, doy) {
	y = substr(t, 1, 4) + 0; m = substr(t, 6, 2) + 0; d = substr(t, 9, 2) + 0
	if (m <= 2) y--
	era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	d = era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
	return d * 86400 + substr(t, 12, 2) * 3600 + substr(t, 15, 2) * 60 + substr(t, 18, 2)
}
# "in 9 days" (whole units counted down), ", 20% of its lifetime left"
# when the gate has a share: the expiry message of cert-info -e
function soon(nb, na,   left, life, w) {
	left = epoch(na) - now; life = epoch(na) - epoch(nb)
	if (gsecs >= 0 && left > gsecs) return ""
	if (gppm >= 0 && life > 0 && left * 1000000 > life * gppm) return ""
	if (gppm < 0 && gsecs % 86400 == 0) return "within " gsecs / 86400 " days"
	w = left >= 172800 ? int(left / 86400) " days" : left >= 7200 ? int(left / 3600) " hours" : int(left / 60) " minutes"
	w = "in " w
	if (gppm >= 0) w = w ", " (life > 0 ? int(left * 100 / life) : 0) "% of its lifetime left"
	return w
}
function cn(s) { if (match(s, /CN=[^,]*/)) return substr(s, RSTART + 3, RLENGTH - 3); return s }
function v(u, c, ok, check, msg) {
	printf "%d\t%d\t%s\t%s\t%s\t%s\n", uid[u], c, ok ? "ok" : "FAIL", check, u, msg > V
}
function newunit(u) { if (!(u in uid)) { uid[u] = ++nu; print u > U } }
# add file f to unit u (the unit holds its keys, leaf files, chain files)
function add(u, f) { unit[f] = u; mem[u] = mem[u] SUBSEP f }
BEGIN {
	while ((getline l < good) > 0) { split(l, a, "\t"); files[++nf] = a[1]; mat[a[1]] = 1; isder[a[1]] = a[3] == 1 }
	while ((getline l < bad) > 0) { split(l, a, "\t"); badf[a[1]] = a[2] }
	while ((getline l < dangling) > 0) { files[++nf] = l; badf[l] = "a symbolic link to nothing" }
	while ((getline l < keybad) > 0) { split(l, a, "\t"); kbad[a[1]] = a[2] }
	while ((getline l < keys) > 0) { split(l, a, "\t"); if (!(a[1] in kspki)) kspki[a[1]] = a[2] }
	while ((getline l < info) > 0) {
		split(l, a, "\t"); f = a[1]
		if (f in badf) continue
		if (!ncert[f]++) { frole[f] = a[3]; fsubj[f] = a[7] }
		if (a[3] == "leaf") {
			if (!nleaf[f]++) { lspki[f] = a[4]; lsubj[f] = a[7] }
			lidx[f, nleaf[f]] = a[2]
			leafs[++nl] = f; ldns[nl] = tolower(a[9]); lip[nl] = a[10]
		} else { nca[f]++; caspki[f] = caspki[f] " " a[4] }
		if (a[3] == "root" || (a[8] == "true" && a[3] != "leaf")) {
			print f "\t" a[2] > R
			nroot[f]++
		}
		if (first[f] == "" || a[6] < first[f]) first[f] = a[6]
		if (f in ex) continue
		if (a[6] <= at) ex[f] = cn(a[7]) " expired on " a[6]
		else if (a[5] > at) ex[f] = cn(a[7]) " is not valid before " a[5]
		else if ((w = soon(a[5], a[6])) != "") ex[f] = cn(a[7]) " expires on " a[6] ", " w
	}
	for (i = 1; i <= nf; i++) {
		f = files[i]; d = dirof(f)
		# unreadable: a verdict each, in the unit of its directory
		if (f in badf) { newunit(d); isdir[d] = 1; badl[++nb] = f; continue }
		ndir[d]++; dfile[d, ndir[d]] = f
		if (!(d in dseq)) { dseq[d] = ++ndirs; dlist[ndirs] = d }
	}
	for (di = 1; di <= ndirs; di++) {
		d = dlist[di]
		# merged files: a key and a leaf in one file
		for (j = 1; j <= ndir[d]; j++) {
			f = dfile[d, j]
			if ((f in kspki) && nleaf[f] > 0) { newunit(f); add(f, f) }
		}
		# name pairs: X.key with X.crt X.pem X.cer X-chain.pem X.fullchain.pem
		npairs = 0
		for (j = 1; j <= ndir[d]; j++) {
			f = dfile[d, j]
			if (f in unit || !(f in kspki || f in kbad) || f !~ /\.key$/) continue
			x = substr(f, 1, length(f) - 4)
			hit = 0
			split(".crt .pem .cer -chain.pem .fullchain.pem", sfx, " ")
			for (s = 1; s <= 5; s++)
				if ((x sfx[s]) in mat && !((x sfx[s]) in unit) && ncert[x sfx[s]] > 0) {
					if (!hit++) { newunit(x); add(x, f); pairu[++npairs] = x }
					add(x, x sfx[s])
				}
		}
		# the rest of the directory is one unit; its chain-only files
		# join the only name pair when there is one
		for (j = 1; j <= ndir[d]; j++) {
			f = dfile[d, j]
			if (f in unit) continue
			if (npairs == 1 && ncert[f] > nroot[f] && !nleaf[f] && !(f in kspki)) {
				add(pairu[1], f); continue }
			newunit(d); isdir[d] = 1; add(d, f)
		}
	}
	# the checks of each unit, in the order the units were made
	for (u in uid) order[uid[u]] = u
	for (i = 1; i <= nu; i++) judge(order[i])
	for (i = 1; i <= nb; i++) v(dirof(badl[i]), 0, 0, "readable", rel(dirof(badl[i]), badl[i]) ": " badf[badl[i]])
	# --name: the first leaf whose SAN holds it, exactly or by wildcard
	n = split(names, nms, " ")
	for (i = 1; i <= n; i++) {
		q = tolower(nms[i]); w = q; sub(/^[^.]*/, "*", w); by = ""
		for (k = 1; k <= nl && by == ""; k++)
			if (index("," ldns[k] ",", "," q ",") || index("," ldns[k] ",", "," w ",") ||
			    index("," lip[k] ",", "," nms[i] ","))
				by = leafs[k]
		print nms[i] "\t" by > N
	}
}
function judge(u,   m, nm, i, j, f, nk, nlf, nch, k, ok, ch, expm, c, fst, w) {
	nm = split(substr(mem[u], 2), m, SUBSEP)
	nk = nlf = nch = 0; expm = ""; fst = ""
	for (i = 1; i <= nm; i++) {
		f = m[i]
		if (f in kbad) v(u, 1, 0, "key", rel(u, f) ": " kbad[f])
		if (f in kspki) kf[u, ++nk] = f
		if (nleaf[f] > 0) lf[u, ++nlf] = f
		if (nleaf[f] > 1) v(u, 3, 0, "leaves", rel(u, f) ": " nleaf[f] " leaves: the old certificate left in?")
		if (ncert[f] > nroot[f] && !nleaf[f] && !(f in kspki)) chf[u, ++nch] = f
	}
	# pair: a key with its leaves, only inside the unit
	# (a unit without a leaf: the key of a CA beside its certificate)
	if (nk > 0 && nlf == 0)
		for (k = 1; k <= nk; k++) {
			ok = ""
			for (i = 1; i <= nm; i++)
				if (index(caspki[m[i]] " ", " " kspki[kf[u, k]] " ")) ok = m[i]
			if (ok != "") v(u, 2, 1, "pair", rel(u, kf[u, k]) " is the key of " rel(u, ok) " (a CA)")
			else v(u, 2, 0, "pair", rel(u, kf[u, k]) ": no leaf certificate beside it carries this key")
		}
	else if (nk == 1)
		for (i = 1; i <= nlf; i++)
			if (frole[lf[u, i]] != "leaf")
				v(u, 2, 0, "pair", rel(u, kf[u, 1]) " is not the key of the first " \
				    "certificate of " rel(u, lf[u, i]) " (" cn(fsubj[lf[u, i]]) \
				    "), which a server takes for its own: the leaf goes first")
			else v(u, 2, kspki[kf[u, 1]] == lspki[lf[u, i]], "pair", rel(u, kf[u, 1]) \
			    (kspki[kf[u, 1]] == lspki[lf[u, i]] ? " is" : " is not") \
			    " the key of " rel(u, lf[u, i]))
	else if (nk > 1) {
		for (i = 1; i <= nlf; i++) {
			ok = ""
			for (k = 1; k <= nk; k++) if (kspki[kf[u, k]] == lspki[lf[u, i]]) ok = kf[u, k]
			if (ok != "") v(u, 2, 1, "pair", rel(u, ok) " is the key of " rel(u, lf[u, i]))
			else v(u, 2, 0, "pair", "no key beside " rel(u, lf[u, i]) " is its key")
		}
		for (k = 1; k <= nk; k++) {
			ok = 0
			for (i = 1; i <= nlf; i++) if (kspki[kf[u, k]] == lspki[lf[u, i]]) ok = 1
			if (!ok) v(u, 2, 0, "pair", rel(u, kf[u, k]) ": no leaf beside it carries this key")
		}
	}
	# chain: each file with one leaf; a leaf alone with the chain files
	for (i = 1; i <= nm; i++) {
		f = m[i]
		if (nleaf[f] != 1) continue
		ch = f; w = rel(u, f)
		if (ncert[f] == 1)
			for (c = 1; c <= nch; c++) { ch = ch "\t" chf[u, c]; w = w " + " rel(u, chf[u, c]) }
		# a merged file (m) and a DER or PKCS#12 file (d) are judged by
		# the findings of chain-order --json, as chain-order -s refuses
		# the key in the one and the form of the other
		print uid[u] "\t" sprintf("4.%06d", ++njob) "\t" (isder[f] ? "d" : (f in kspki) ? "m" : "s") \
		    "\t" u "\t" w "\t" ch > J
	}
	# expiry: every certificate of the unit
	for (i = 1; i <= nm; i++) {
		f = m[i]
		if (f in ex) expm = expm (expm != "" ? "; " : "") rel(u, f) ": " ex[f]
		else if (ncert[f] && (fst == "" || first[f] < fst)) fst = first[f]
	}
	if (expm != "") v(u, 5, 0, "expiry", expm)
	else if (fst != "") v(u, 5, 1, "expiry", "until " substr(fst, 1, 10))
	# lint (--lint): each leaf of the unit, by its block in its file
	for (i = 1; i <= nm; i++)
		for (k = 1; k <= nleaf[m[i]]; k++)
			print uid[u] "\t" sprintf("7.%06d", ++nlj) "\t" u "\t" \
			    rel(u, m[i]) (nleaf[m[i]] > 1 ? " (leaf " k ")" : "") \
			    "\t" m[i] "\t" lidx[m[i], k] > LJ
}' /dev/null || { echo "$me: the unit awk failed" >&2; exit 2; }
: >>"$T/verdicts"; : >>"$T/jobs"; : >>"$T/roots"; : >>"$T/names"; : >>"$T/units"
: >>"$T/lintjobs"

# the trust anchors: the repository's self-signed certificates and
# --ca-file
: >"$T/roots.pem"
[ -z "$cafile" ] || cat "$cafile" >>"$T/roots.pem"
while IFS='	' read -r f i; do
	# shellcheck disable=SC2086
	pem-split $pk -t cert -n "$i" "$f" >>"$T/roots.pem" 2>/dev/null
done <"$T/roots"
set -- -s $nosys ${at:+--at "$at"} ${pass:+--passin "$pass"}
[ -s "$T/roots.pem" ] && set -- "$@" -C "$T/roots.pem"
co="$*"
advice="give its issuer in the file if it is an intermediate; a root of your own goes in --ca-file FILE, never in the served file"

# chain: chain-order -s on each served chain; its reason, when it fails,
# from a second run's --json (-p: the partial chain and its findings).
# Two workers, each on every other job: chain-order is most of the time.
chains() {	# chains WORKER: the jobs of lines WORKER, WORKER+2, ...
	set -f
	w=$1
	awk -v w="$w" 'NR % 2 == w' "$T/jobs" | while IFS= read -r l; do
		oldifs=$IFS IFS='	'
		# shellcheck disable=SC2086
		set -- $l
		IFS=$oldifs
		id=$1 job=$2 kind=$3 u=$4 what=$5
		shift 5
		r=1
		if [ "$kind" = s ]; then
			# shellcheck disable=SC2086
			chain-order $co "$@" >/dev/null 2>&1
			r=$?
			if [ $r -eq 0 ]; then
				printf '%s\t%s\tok\tchain\t%s\t%s\n' "$id" "$job" "$u" "$what"
				continue
			fi
		fi
		# shellcheck disable=SC2086
		chain-order -p --json ${co#-s } "$@" >"$T/co$w.json" 2>>"$T/co$w.err"
		m=$(jq -rs --arg adv "$advice" --arg kind "$kind" '
			if length == 0 then "" else
			((.[0].findings // []) | map(select($kind != "d" or
			    (test("was read as (a member of a container|DER): written as PEM$") | not))) |
			    join("; ")) as $f |
			([.[-1] | select(.link == "missing") |
			    "chain incomplete: the issuer of \(.subject) is missing: \($adv)"] |
			    join("")) as $m |
			[$f, $m] | map(select(. != "")) | join("; ") end' \
		    "$T/co$w.json" 2>/dev/null)
		if [ -z "$m" ] && [ "$kind" != s ] && [ -s "$T/co$w.json" ]; then
			printf '%s\t%s\tok\tchain\t%s\t%s\n' "$id" "$job" "$u" "$what"
			continue
		fi
		if [ -z "$m" ]; then
			if [ $r -eq 2 ] && [ -s "$T/co$w.json" ]; then
				m="the file needs repairs (chain-order -s exit 2): rewrite it with chain-order -o"
			else
				m="could not be checked (chain-order -s exit $r)"
				: >"$T/trouble"
			fi
		fi
		printf '%s\t%s\tFAIL\tchain\t%s\t%s: %s\n' "$id" "$job" "$u" "$what" "$m"
	done >"$T/chain$w"
}
chains 0 &
chains 1
wait
cat "$T/chain0" "$T/chain1" >>"$T/verdicts"
cat "$T"/co*.err 2>/dev/null >&2
[ -e "$T/trouble" ] && trouble=1

# lint (--lint): each leaf taken out of its file (pem-split -n, the
# block cert-info numbered) and one cert-lint run over them all; the
# verdict is the leaf's first error finding.  The CA/B Forum's rules
# judge publicly trusted certificates: under --ca-file (a private PKI)
# cert-lint judges the leaves as private ones (RFC 5280's rules).
if [ $lint -eq 1 ] && [ -s "$T/lintjobs" ]; then
	mkdir "$T/lint"
	while IFS='	' read -r id job u what f i; do
		# shellcheck disable=SC2086
		pem-split $pk -t cert -n "$i" "$f" >"$T/lint/$job.pem" 2>/dev/null
	done <"$T/lintjobs"
	eval "set -- $(cut -f2 "$T/lintjobs" | sed "s|.*|$T/lint/&.pem|" >"$T/lintfiles"; words "$T/lintfiles")"
	cert-lint ${cafile:+--profile private} ${at:+--at "$at"} "$@" \
	    >"$T/lint.out" 2>"$T/lint.err"
	lr=$?
	while IFS='	' read -r id job u what f i; do
		if [ $lr -ge 2 ] || [ ! -s "$T/lint/$job.pem" ]; then
			printf '%s\t%s\tFAIL\tlint\t%s\t%s: could not be checked (cert-lint exit %s)\n' \
			    "$id" "$job" "$u" "$what" "$lr"
			: >"$T/lint.trouble"
			continue
		fi
		m=$(awk -v p="$T/lint/$job.pem:" 'index($0, p) == 1 &&
		    (i = index($0, ": error: ")) { print substr($0, i + 9); exit }' \
		    "$T/lint.out")
		if [ -n "$m" ]; then
			printf '%s\t%s\tFAIL\tlint\t%s\t%s: %s\n' "$id" "$job" "$u" "$what" "$m"
		else
			printf '%s\t%s\tok\tlint\t%s\t%s: no error finding\n' "$id" "$job" "$u" "$what"
		fi
	done <"$T/lintjobs" >>"$T/verdicts"
	[ $lr -ge 2 ] && cat "$T/lint.err" >&2
	[ -e "$T/lint.trouble" ] && trouble=1
fi

# --name: the candidate leaf, confirmed by cert-info -H
while IFS='	' read -r name by; do
	# shellcheck disable=SC2086
	if [ -n "$by" ] && cert-info $pw -H "$name" "$by" >/dev/null 2>&1; then
		printf '999999\t6\tok\tname\t%s\tcovered by %s\n' "$name" "$by"
	else
		printf '999999\t6\tFAIL\tname\t%s\tno leaf covers it\n' "$name"
	fi
done <"$T/names" >>"$T/verdicts"

sort -t '	' -s -k1,1n -k2,2n "$T/verdicts" | awk -F'\t' -v json=$json \
    -v units="$(grep -c . "$T/units")" -v skipped=$skipped -v trouble=$trouble '
function q(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); gsub(/\t/, "\\t", s); return "\"" s "\"" }
{	n++; if ($3 != "ok") failed++
	if (json)
		printf "{\"schema\":\"pemkit/1\",\"check\":%s,\"unit\":%s,\"ok\":%s,\"message\":%s}\n",
		    q($4), q($5), $3 == "ok" ? "true" : "false", q($6)
	else
		printf "%-4s %-8s %s%s\n", $3, $4, $5, $6 != "" ? ": " $6 : "" }
END {	if (json)
		printf "{\"schema\":\"pemkit/1\",\"check\":\"summary\",\"units\":%d,\"checks\":%d,\"failed\":%d,\"skipped\":%d}\n",
		    units, n, failed, skipped
	else {
		if (skipped) printf "skipped %d file%s without certificate material\n",
		    skipped, skipped == 1 ? "" : "s"
		printf "%d unit%s, %d checks, %d failed\n", units, units == 1 ? "" : "s", n, failed }
	exit trouble ? 2 : failed ? 1 : 0 }'
