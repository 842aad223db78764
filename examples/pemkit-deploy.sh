#!/bin/sh
# examples/pemkit-deploy.sh: the deploy hook an ACME client calls after a
# renewal (installed as pemkit-deploy, with its man page).  It checks the
# new material, builds each server's bundle with examples/Makefile in a
# staging directory, and installs it where the configuration says, with
# the owner, group and mode given, reloading each server once.
#
#   lineage     certbot's RENEWED_LINEAGE and RENEWED_DOMAINS; dehydrated's
#               `deploy_cert DOMAIN KEY CERT FULLCHAIN CHAIN`; acme.sh's
#               `acme.sh DOMAIN KEY CERT CA FULLCHAIN` (a deploy hook's
#               arguments) or `acme.sh` alone (--reloadcmd's CERT_PATH...);
#               lego's LEGO_CERT_PATH; or --cert --key --chain
#   checks      key-match, chain-order -s --expires-within on the chain as
#               the ACME client served it, the names (cert-info -H),
#               cert-lint on the leaf when it is installed (RFC 5280's
#               rules only under --ca-file, a private PKI); any failure:
#               nothing replaced, exit 1, one line naming the cause
#   targets     --config FILE, one a line: PROFILE DESTDIR OWNER GROUP
#               MODE RELOAD-COMMAND...; # starts a comment
#   install     per file: a temporary beside it, chown, chmod, rename;
#               unchanged bytes: nothing written and no reload; a failing
#               reload puts the previous files back
#   report      one NDJSON line per target on stdout
#
# Uses the pemkit filters from PATH, or from ../bin next to this script.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/../bin/key-match" ]; then
	PATH="$here/../bin:$PATH"
elif [ -x "$here/key-match" ]; then
	PATH="$here:$PATH"
fi
me=pemkit-deploy
synopsis() {
	echo "usage: $me --config FILE [-h] [--ca-file FILE] [--cert FILE]"
	echo "       [--chain FILE] [--expires-within DURATION] [--key FILE]"
	echo "       [--name NAME ...] [deploy_cert DOMAIN KEY CERT FULLCHAIN CHAIN"
	echo "       | acme.sh [DOMAIN KEY CERT CA FULLCHAIN]]"
}
usage() { synopsis >&2; exit 2; }
help() {
	synopsis
	cat <<'EOF'
options:
  -h, --help                 print this help and exit
  --ca-file FILE             trust anchors of the chain check (default:
                             the system store)
  --cert FILE                the certificate (or the leaf and its chain)
  --chain FILE               the intermediates, when --cert is the leaf
  --config FILE              the targets: PROFILE DESTDIR OWNER GROUP MODE
                             RELOAD-COMMAND...
  --expires-within DURATION  refuse a chain with a certificate expiring
                             within DURATION (30d)
  --key FILE                 the private key
  --name NAME                the certificate must cover NAME (repeatable)
EOF
	exit 0
}
die() { echo "$me: $*" >&2; exit 2; }
conf= cafile= cert= chain= key= full= names= within=30d
while [ $# -gt 0 ]; do
	case $1 in
	-h|--help) help ;;
	--config|--ca-file|--cert|--chain|--expires-within|--key|--name)
		[ $# -ge 2 ] || usage
		case $1 in
		--config) conf=$2 ;;
		--ca-file) cafile=$2 ;;
		--cert) cert=$2 ;;
		--chain) chain=$2 ;;
		--expires-within) within=$2 ;;
		--key) key=$2 ;;
		--name) names="$names $2" ;;
		esac
		shift ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
	shift
done

# The lineage.  dehydrated calls its hook for every event; all but
# deploy_cert are none of ours (its docs: ignore unknown hooks).
dom=
case ${1-} in
'') ;;
deploy_cert)
	[ $# -ge 6 ] || usage
	dom=$2 dkey=$3 dcert=$4 dfull=$5 ;;
acme.sh)
	if [ $# -ge 6 ]; then
		dom=$2 dkey=$3 dcert=$4 dfull=$6
	elif [ $# -eq 1 ]; then
		dom=${Le_Domain-} dkey=${CERT_KEY_PATH-} dcert=${CERT_PATH-}
		dfull=${CERT_FULLCHAIN_PATH-}
		[ -n "$dkey" ] && [ -n "$dfull" ] ||
		    die "acme.sh: CERT_KEY_PATH and CERT_FULLCHAIN_PATH are not set (run from --reloadcmd)"
	else
		usage
	fi ;;
*_*)
	case $1 in *[!a-z_]*) usage ;; esac
	exit 0 ;;
*) usage ;;
esac
[ -n "$conf" ] || { echo "$me: --config FILE is required" >&2; usage; }
if [ -n "${dkey-}" ]; then
	# the client's fullchain is the served chain, unless --cert says
	[ -n "$cert" ] || full=$dfull
	: "${key:=$dkey}"
	names="${dom:+ $dom}$names"
elif [ -n "$cert$key" ]; then
	:
elif [ -n "${RENEWED_LINEAGE-}" ]; then
	key=$RENEWED_LINEAGE/privkey.pem
	cert=$RENEWED_LINEAGE/cert.pem
	full=$RENEWED_LINEAGE/fullchain.pem
	names="${RENEWED_DOMAINS-}$names"
elif [ -n "${LEGO_CERT_PATH-}" ]; then
	# lego's .crt is the leaf and its chain (unless --no-bundle)
	cert=$LEGO_CERT_PATH
	key=${LEGO_CERT_KEY_PATH-}
	names="${LEGO_CERT_DOMAIN-}$names"
else
	echo "$me: no lineage: RENEWED_LINEAGE, deploy_cert, acme.sh or --cert and --key" >&2
	usage
fi
[ -n "$key" ] || die "no key: give --key FILE"
[ -n "$cert" ] || [ -n "$full" ] || die "no certificate: give --cert FILE"
for f in "$conf" "$key" ${cert:+"$cert"} ${chain:+"$chain"} ${full:+"$full"} \
    ${cafile:+"$cafile"}; do
	[ -f "$f" ] && [ -r "$f" ] || die "$f: cannot read it"
done

# The bundle Makefile: beside this script in the tree, in share/pemkit
# when installed
mk=
for m in "$here/Makefile" "$here/../share/pemkit/bundles.mk"; do
	[ -f "$m" ] && { mk=$m; break; }
done
[ -n "$mk" ] || die "the bundle Makefile is neither $here/Makefile nor $here/../share/pemkit/bundles.mk"
km=$(command -v key-match) || die "key-match is not in PATH"
bin=$(dirname "$km")

T=$(mktemp -d "${TMPDIR:-/tmp}/pemkit-deploy.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 2' INT TERM HUP

# json STRING: STRING as a JSON string
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g; s/	/\\t/g' |
    awk 'BEGIN { printf "\"" } NR > 1 { printf "\\n" } { printf "%s", $0 }
    END { printf "\"" }'; }

# The configuration: every line checked before anything is done.
# $T/targets: LINE<tab>PROFILE<tab>DESTDIR<tab>OWNER<tab>GROUP<tab>MODE<tab>RELOAD
n=0
profiles=
: >"$T/targets"
while IFS= read -r line || [ -n "$line" ]; do
	n=$((n + 1))
	line=${line%%#*}
	set -f
	set -- $line
	set +f
	[ $# -gt 0 ] || continue
	[ $# -ge 5 ] || die "$conf:$n: want PROFILE DESTDIR OWNER GROUP MODE RELOAD-COMMAND..."
	p=$1 d=$2 o=$3 g=$4 m=$5
	shift 5
	r="$*"
	case $p in
	nginx|apache|haproxy|postfix|dovecot|icewarp|kerio|acm|pfx) ;;
	*) die "$conf:$n: $p: not a profile (nginx apache haproxy postfix dovecot icewarp kerio acm pfx)" ;;
	esac
	case $d in /*) ;; *) die "$conf:$n: $d: DESTDIR is not an absolute path" ;; esac
	[ -d "$d" ] || die "$conf:$n: $d: not a directory"
	[ "$o" = - ] || id -u "$o" >/dev/null 2>&1 || die "$conf:$n: $o: no such user"
	[ "$g" = - ] || getent group "$g" >/dev/null 2>&1 ||
	    die "$conf:$n: $g: no such group"
	# keys 0600, or 0640 with a group; never wider (RFC 7468 says
	# nothing; this is what every server's guide asks)
	case ${m#0} in
	600|400) ;;
	640|440) [ "$g" != - ] ||
	    die "$conf:$n: mode $m gives a key to a group: name the group" ;;
	*) die "$conf:$n: mode $m: a key file is 0600, or 0640 with a group, never wider" ;;
	esac
	[ "$p" != pfx ] || [ -n "${PFX_PASS-}" ] ||
	    die "$conf:$n: pfx: set PFX_PASS in the environment"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$p" "$d" "$o" "$g" "0${m#0}" "$r" \
	    >>"$T/targets"
	case " $profiles " in *" $p "*) ;; *) profiles="$profiles $p" ;; esac
done <"$conf"
[ -s "$T/targets" ] || die "$conf: no targets"

# report STATUS CHANGED RELOAD [CAUSE] for every target (a refusal)
refuse() {
	echo "$me: refused, nothing replaced: $1" >&2
	while IFS='	' read -r n p d o g m r; do
		printf '{"schema":"pemkit/1","target":%s,"profile":"%s","destdir":%s,"status":"refused","changed":[],"checks":"failed","checked":[],"cause":%s,"reload":"not-run"}\n' \
		    "$(json "$conf:$n")" "$p" "$(json "$d")" "$(json "$1")"
	done <"$T/targets"
	exit 1
}
# check NAME CMD...: a check; exit 1 refuses with the tool's first line,
# anything else is trouble
check() {
	c=$1
	shift
	"$@" >/dev/null 2>"$T/check.err"
	rc=$?
	[ $rc -eq 0 ] && return 0
	cause=$(grep -v '^ ' "$T/check.err" | head -n 1)
	[ -n "$cause" ] || cause="$c failed (exit $rc)"
	[ $rc -eq 1 ] && refuse "$cause"
	cat "$T/check.err" >&2
	die "$c could not check (exit $rc): nothing replaced"
}

# The chain as the ACME client serves it, and its leaf
if [ -n "$full" ]; then
	cat "$full" >"$T/served.pem"
else
	cat "$cert" ${chain:+"$chain"} >"$T/served.pem"
fi
# the user's own file in the messages: the leaf comes first in both
src=${full:-$cert}
check pem-split pem-split -n 1 -o "$T/leaf.pem" "$T/served.pem"
checks='"key-match","chain-order","names"'
check key-match key-match "$key" "$src"
if [ -n "$full" ] || [ -z "$chain" ]; then
	check chain-order chain-order -s --expires-within "$within" \
	    ${cafile:+-C "$cafile"} "$src"
else
	check chain-order chain-order -s --expires-within "$within" \
	    ${cafile:+-C "$cafile"} "$cert" "$chain"
fi
set -f
set -- $names
set +f
hs=
for h; do hs="$hs -H $h"; done
[ -z "$hs" ] || check cert-info cert-info $hs "$src"
if command -v cert-lint >/dev/null 2>&1; then
	# its findings go to stdout: the first error is the cause.  The
	# CA/B Forum's rules judge publicly trusted certificates: a chain
	# that ends at a private anchor (--ca-file) gets RFC 5280's only.
	cert-lint ${cafile:+--profile private} "$T/leaf.pem" >"$T/lint.out" \
	    2>"$T/check.err"
	rc=$?
	if [ $rc -eq 1 ]; then
		cause=$(grep -m 1 ': error: ' "$T/lint.out" |
		    sed "s|^$T/leaf.pem|$src (the leaf)|")
		refuse "cert-lint: ${cause:-an error finding}"
	elif [ $rc -ne 0 ]; then
		cat "$T/check.err" >&2
		die "cert-lint could not check (exit $rc): nothing replaced"
	fi
	checks="$checks,\"cert-lint\""
else
	echo "$me: cert-lint is not installed: the leaf was not linted" >&2
fi

# The bundles, built and checked again by examples/Makefile in staging
umask 077
if ! make -s -f "$mk" BIN="$bin" KEY="$key" CERT="$T/leaf.pem" \
    CA="$T/served.pem${cafile:+ $cafile}" NAMES="$names" WITHIN="$within" \
    OUT="$T/out" $profiles >"$T/make.out" 2>"$T/make.err"; then
	cause=$(grep -v -e '^ ' -e '^make' "$T/make.err" | head -n 1)
	refuse "${cause:-the bundle Makefile failed}"
fi

# copy_in SRC DEST OWNER GROUP MODE: DEST replaced atomically by SRC's
# bytes; the previous DEST kept as a hard link in $T/old.list
copy_in() {
	tmp="$(dirname "$2")/.${2##*/}.pemkit-new.$$"
	cp "$1" "$tmp" || { rm -f "$tmp"; return 1; }
	if [ "$3" != - ] || [ "$4" != - ]; then
		if [ "$3" = - ]; then own=":$4"
		elif [ "$4" = - ]; then own=$3
		else own="$3:$4"; fi
		chown "$own" "$tmp" || { rm -f "$tmp"; return 1; }
	elif [ -e "$2" ] && [ "$(id -u)" -eq 0 ]; then
		chown --reference="$2" "$tmp" || { rm -f "$tmp"; return 1; }
	fi
	chmod "$5" "$tmp" || { rm -f "$tmp"; return 1; }
	if [ -e "$2" ]; then
		old="$(dirname "$2")/.${2##*/}.pemkit-old.$$"
		ln -f "$2" "$old" || { rm -f "$tmp"; return 1; }
		printf '%s\t%s\n' "$2" "$old" >>"$T/old.list"
	else
		printf '%s\t\n' "$2" >>"$T/old.list"
	fi
	mv -f "$tmp" "$2" || { rm -f "$tmp"; return 1; }
}
# put_back: every file of $T/old.list as it was
put_back() {
	while IFS='	' read -r f old; do
		if [ -n "$old" ]; then mv -f "$old" "$f"; else rm -f "$f"; fi
	done <"$T/old.list"
}
forget_old() {
	while IFS='	' read -r f old; do
		[ -z "$old" ] || rm -f "$old"
	done <"$T/old.list"
}

# Each target: its files compared, the changed ones installed, then its
# reload once; a failing reload puts the previous files back
worst=0
while IFS='	' read -r n p d o g m r <&3; do
	(cd "$T/out/$p" && find . -type f | sed 's|^\./||' | sort) >"$T/files"
	: >"$T/changed"
	while IFS= read -r f; do
		cmp -s "$T/out/$p/$f" "$d/$f" || echo "$f" >>"$T/changed"
	done <"$T/files"
	ch=$(sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' "$T/changed" | paste -sd, -)
	line="{\"schema\":\"pemkit/1\",\"target\":$(json "$conf:$n"),\"profile\":\"$p\",\"destdir\":$(json "$d")"
	if [ ! -s "$T/changed" ]; then
		echo "$line,\"status\":\"unchanged\",\"changed\":[],\"checks\":\"passed\",\"checked\":[$checks],\"reload\":\"not-run\"}"
		continue
	fi
	: >"$T/old.list"
	err=
	while IFS= read -r f; do
		fm=0644
		if [ "$p" = pfx ] || grep -q 'PRIVATE KEY-----' "$T/out/$p/$f"; then
			fm=$m
		fi
		# a symbolic link is followed: the file it names is replaced
		# (as -o does), the link stays
		dst=$d/$f
		[ -L "$dst" ] && dst=$(readlink -f "$dst")
		mkdir -p "$(dirname "$dst")" &&
		    copy_in "$T/out/$p/$f" "$dst" "$o" "$g" "$fm" ||
		    { err="$d/$f: cannot install it"; break; }
	done <"$T/changed"
	if [ -n "$err" ]; then
		put_back
		echo "$me: $conf:$n: $err: the previous files are back" >&2
		echo "$line,\"status\":\"error\",\"changed\":[],\"checks\":\"passed\",\"checked\":[$checks],\"reload\":\"not-run\",\"cause\":$(json "$err")}"
		worst=2
		continue
	fi
	if [ -z "$r" ]; then
		forget_old
		echo "$line,\"status\":\"deployed\",\"changed\":[$ch],\"checks\":\"passed\",\"checked\":[$checks],\"reload\":\"none\"}"
		continue
	fi
	# the reload's output is the server's: stderr, never our stdout
	sh -c "$r" >&2 </dev/null
	rc=$?
	if [ $rc -ne 0 ]; then
		put_back
		echo "$me: $conf:$n: the reload failed (exit $rc): the previous files are back" >&2
		echo "$line,\"status\":\"rolled-back\",\"changed\":[$ch],\"checks\":\"passed\",\"checked\":[$checks],\"reload\":\"failed\",\"reload_exit\":$rc}"
		[ $worst -eq 2 ] || worst=1
		continue
	fi
	forget_old
	echo "$line,\"status\":\"deployed\",\"changed\":[$ch],\"checks\":\"passed\",\"checked\":[$checks],\"reload\":\"ok\"}"
done 3<"$T/targets"
exit $worst
