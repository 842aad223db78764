#!/bin/sh
# corpus-check.sh: read every file of ../shared/corpus/MANIFEST.tsv with
# `pem-split --check` and print one line per file whose result disagrees
# with the manifest (nothing when all agree).  Rules:
#   bad                exit 2, a message, no output
#   text encoding      exit 2, a message (not PEM)
#   other              no crash: exit 0, or exit 2 with a message
#   every other kind   exit 0; PEM: the blocks per label equal the
#                      manifest's "PEM blocks:" note (legacy labels read
#                      as their standard ones); DER: the expected label
#   exit >= 128 (a crash) is always reported.
C=${C:-../shared/corpus}
tab=$(printf '\t')
tmp=${TMPDIR:-/tmp}/corpus-check.$$
trap 'rm -f "$tmp".*' EXIT
tail -n +2 "$C/MANIFEST.tsv" | while IFS="$tab" read -r path kind enc notes; do
	[ "$kind" = json ] && continue
	# Known, deliberate differences from OpenSSL 3.0's verdict, each with
	# its own case in tests/t-corpus.sh:
	case $path in
	# a blank line before END: OpenSSL's PEM reader refuses it, ours
	# accepts it with a note; the certificate itself decodes.
	zlint/v3/testdata/subCertLocalityNameDoesNotNeedToAppear.pem) continue ;;
	esac
	pem-split -c "$C/$path" >"$tmp.out" 2>"$tmp.err"
	rc=$?
	got=$(sed -n 's/^-----BEGIN \(.*\)-----$/\1/p' "$tmp.out" | sort |
	    uniq -c | awk '{ n = $1; $1 = ""; sub(/^ /, ""); printf "%s%s x%d", sep, $0, n; sep = ", " }')
	if [ "$rc" -ge 128 ]; then
		echo "$path: crashed (status $rc)"
		continue
	fi
	case $kind/$enc in
	bad/*|*/text)
		if [ "$rc" != 2 ] || [ ! -s "$tmp.err" ] || [ -s "$tmp.out" ]; then
			echo "$path: $kind: want exit 2, a message and no output; got $rc, [$got]"
		fi
		continue ;;
	other/*)
		if [ "$rc" != 0 ] && { [ "$rc" != 2 ] || [ ! -s "$tmp.err" ]; }; then
			echo "$path: other: exit $rc without a message"
		fi
		continue ;;
	esac
	if [ "$rc" != 0 ]; then
		echo "$path: $kind: exit $rc: $(head -n 1 "$tmp.err")"
		continue
	fi
	if [ "$enc" = pem ]; then
		want=$(printf '%s\n' "$notes" | sed -n 's/.*PEM blocks: \([^;]*\).*/\1/p' |
		    tr ',' '\n' | sed 's/^ //' |
		    sed 's/^X509 CERTIFICATE /CERTIFICATE /; s/^NEW CERTIFICATE REQUEST /CERTIFICATE REQUEST /; s/^TRUSTED CERTIFICATE /CERTIFICATE /' |
		    sort | awk '{ n = $NF; sub(/^x/, "", n); $NF = ""; sub(/ $/, "");
		        c[$0] += n } END { for (l in c) print l " x" c[l] }' | sort |
		    awk '{ printf "%s%s", sep, $0; sep = ", " }')
		[ -z "$want" ] && continue	# bare base64 etc.: exit 0 is enough
	else
		case $kind in
		cert) want="CERTIFICATE x1" ;;
		chain) n=$(awk -F"$tab" -v p="$path" '$1 == p { print $2 }' "$C/CHAINS.tsv")
			want="CERTIFICATE x$n" ;;
		csr) want="CERTIFICATE REQUEST x1" ;;
		crl) want="X509 CRL x1" ;;
		key-encrypted) want="ENCRYPTED PRIVATE KEY x1" ;;
		p7) want="PKCS7 x1" ;;
		p12) want="PKCS12 x1" ;;
		key) case $got in
			"PRIVATE KEY x1"|"RSA PRIVATE KEY x1"|"EC PRIVATE KEY x1"|"DSA PRIVATE KEY x1") want=$got ;;
			*) want="a private key" ;; esac ;;
		pubkey) case $got in
			"PUBLIC KEY x1"|"RSA PUBLIC KEY x1") want=$got ;;
			*) want="a public key" ;; esac ;;
		*) want="?" ;;
		esac
	fi
	[ "$got" = "$want" ] || echo "$path: $kind/$enc: got [$got], want [$want]"
done
