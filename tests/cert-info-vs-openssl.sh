#!/bin/sh
# cert-info-vs-openssl.sh FILE...: for every certificate file given,
# compare cert-info's subject, issuer, serial, dates, DNS and e-mail SANs,
# key size and SHA-256/SHA-1 fingerprints with `openssl x509`'s, and its
# --json output with jq, for the first certificate of each file (all
# that `openssl x509` reads).  Prints one line per disagreement; nothing
# when all agree.  openssl prints no bit count for Ed25519/Ed448 keys and
# escapes SANs that are not printable ASCII: those are not compared.
# openssl writes year 1 as "1-01-01"; ISO 8601 (and cert-info) as
# "0001-01-01": openssl's year is padded before comparing.
# The files are compared JOBS at a time (tests/lib/sweep.sh), in order.
if [ "${1-}" = --each ]; then
	shift
elif [ $# -gt 1 ]; then
	ME=$0
	export ME
	. "$(dirname "$0")/lib/sweep.sh"
	printf '%s\n' "$@" | sweep 'sh "$ME" --each "$p"'
	exit 0
fi
for f in "$@"; do
	o=$(openssl x509 -in "$f" -noout -nameopt RFC2253,-esc_msb \
	    -subject -issuer -serial -dateopt iso_8601 -startdate -enddate \
	    -fingerprint -sha256 2>/dev/null) || continue
	want=$(printf '%s\n' "$o" | sed -n \
	    -e 's/^subject=/subject /p' -e 's/^issuer=/issuer /p' \
	    -e 's/^serial=/serial /p' \
	    -e 's/^notBefore=\(.*\) \(.*\)/not_before \1T\2/p' \
	    -e 's/^notAfter=\(.*\) \(.*\)/not_after \1T\2/p' \
	    -e 's/^sha256 Fingerprint=/sha256 /p' | tr 'A-F' 'a-f' |
	    sed '/^sha256 /s/://g; s/  */ /g' |
	    awk '/^not_(before|after) / { y = $2; sub(/-.*/, "", y);
		sub(/^[0-9]*/, sprintf("%04d", y), $2) } { print }')
	sha1=$(openssl x509 -in "$f" -noout -fingerprint -sha1 |
	    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f')
	bits=$(openssl x509 -in "$f" -noout -text |
	    sed -n 's/.*Public-Key: (\([0-9]*\) bit).*/\1/p' | head -n 1)
	sans=$(openssl x509 -in "$f" -noout -ext subjectAltName 2>/dev/null |
	    tail -n +2 | sed 's/^ *//' | awk '{ n = split($0, a, ", ");
		for (i = 1; i <= n; i++) if (a[i] ~ /^(DNS|email):/) {
			sub(/^[^:]*:/, "", a[i]); printf "%s%s", s, a[i]; s = "," } }')
	LC_ALL=C
	case $sans in *[!\ -~]*) sans='*' ;; esac
	got=$(cert-info -f 'subject %{subject}\nissuer %{issuer}\nserial %{serial}\nnot_before %{not_before}\nnot_after %{not_after}\nsha256 %{sha256}' "$f" 2>/dev/null |
	    head -n 6 | awk '{ if ($1 == "subject" || $1 == "issuer" || $1 == "serial") print tolower($0); else print }')
	want=$(printf '%s\n' "$want" | awk '{ if ($1 == "subject" || $1 == "issuer" || $1 == "serial") print tolower($0); else print }' |
	    sort)
	got=$(printf '%s\n' "$got" | sort)
	[ "$got" = "$want" ] || { echo "$f: fields differ:"; diff \
	    "$(printf '%s' "$want" > /tmp/w.$$; echo /tmp/w.$$)" \
	    "$(printf '%s' "$got" > /tmp/g.$$; echo /tmp/g.$$)" | head -n 6; }
	j=$(cert-info --json "$f" 2>/dev/null | head -n 1)
	jgot=$(printf '%s' "$j" | jq -r --arg b "$bits" --arg s "$sans" \
	    '[.sha1, (if $b == "" then "" else (.key.bits // "" | tostring) end),
	    (if $s == "*" then "*" else ((.san.dns + .san.email) | join(",")) end)]
	    | join(" ")' 2>&1)
	[ "$jgot" = "$sha1 $bits $sans" ] ||
	    echo "$f: json: got [$jgot], want [$sha1 $bits $sans]"
done
rm -f /tmp/w.$$ /tmp/g.$$
