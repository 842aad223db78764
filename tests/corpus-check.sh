#!/bin/sh
# corpus-check.sh: read every file of ../shared/corpus/MANIFEST.tsv with
# `der2pem --check` (which, unlike pem-split, keeps
# PKCS#7 blocks whole) and print one line per file whose result disagrees
# with the manifest (nothing when all agree).  Rules:
#   bad                exit 2, a message, no output
#   text encoding      exit 2, a message (not PEM)
#   other              no crash: exit 0, or exit 2 with a message
#   every other kind   exit 0; PEM: the blocks per label equal the
#                      manifest's "PEM blocks:" note (legacy labels read
#                      as their standard ones); DER: the expected label
#   exit >= 128 (a crash) is always reported.
# CORPUS_SAMPLE=N reads every bad file and every Nth other one (tests/run
# sets it; make check-full reads all), JOBS at a time
# (tests/lib/sweep.sh).
C=${C:-../shared/corpus}
. "$(dirname "$0")/lib/sweep.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
tab=$(printf '\t')

# Known, deliberate differences from OpenSSL 3.0's verdict, each with its
# own case in tests/t-corpus.sh:
#  - a blank line before END: OpenSSL's PEM reader refuses it, ours
#    accepts it with a note; the certificate itself decodes.
#  - a certificate with an indefinite (BER) length: OpenSSL's d2i_X509
#    takes BER, we require DER under a CERTIFICATE label (X.690 10.1;
#    the certificate-transparency project keeps it as a case its strict
#    parser must refuse).
skip=' zlint/v3/testdata/subCertLocalityNameDoesNotNeedToAppear.pem
 certificate-transparency/python/ct/crypto/testdata/asn1_indefinite_length_encoding.pem '

awk -F'\t' -v n="${CORPUS_SAMPLE:-1}" -v skip="$skip" '
	NR > 1 && $2 != "json" && index(skip, " " $1 "\n") == 0 &&
	    index(skip, " " $1 " ") == 0 {
		row++
		if ($2 == "bad" || row % n == 0)
			print row "\t" $1
	}' "$C/MANIFEST.tsv" >"$T/list"
export C T
sweep 'i=${p%%	*}
	der2pem -c "$C/${p#*	}" >"$T/$i.out" 2>"$T/$i.err"
	echo "$i $?"' <"$T/list" >"$T/rc"

awk -F'\t' -v T="$T" '
function std(l) {
	if (l == "X509 CERTIFICATE" || l == "TRUSTED CERTIFICATE")
		return "CERTIFICATE"
	if (l == "NEW CERTIFICATE REQUEST")
		return "CERTIFICATE REQUEST"
	return l
}
# "L1 xN, L2 xM" with labels sorted, from an array of counts
function fmt(a,   k, keys, n, i, j, t, s) {
	n = 0
	for (k in a) keys[++n] = k
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && keys[j - 1] > keys[j]; j--) {
			t = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = t
		}
	s = ""
	for (i = 1; i <= n; i++)
		s = s (i > 1 ? ", " : "") keys[i] " x" a[keys[i]]
	return s
}
FILENAME ~ /CHAINS.tsv$/ { nchain[$1] = $2; next }
FILENAME ~ /MANIFEST.tsv$/ { kind[$1] = $2; enc[$1] = $3; notes[$1] = $4; next }
FILENAME ~ /list$/ { path[$1] = $2; next }
{
	split($0, f, " ")
	i = f[1]; rc = f[2]; p = path[i]; k = kind[p]; e = enc[p]
	delete got
	while ((getline line < (T "/" i ".out")) > 0)
		if (line ~ /^-----BEGIN .*-----$/) {
			sub(/^-----BEGIN /, "", line); sub(/-----$/, "", line)
			got[line]++
		}
	close(T "/" i ".out")
	msg = (getline line < (T "/" i ".err")) > 0
	close(T "/" i ".err")
	g = fmt(got)
	if (rc >= 128) { print p ": crashed (status " rc ")"; next }
	if (k == "bad" || e == "text") {
		if (rc != 2 || !msg || g != "")
			print p ": " k ": want exit 2, a message and no output; got " rc ", [" g "]"
		next
	}
	if (k == "other") {
		if (rc != 0 && (rc != 2 || !msg))
			print p ": other: exit " rc " without a message"
		next
	}
	if (rc != 0) { print p ": " k ": exit " rc; next }
	if (e == "pem") {
		if (!match(notes[p], /PEM blocks: [^;]*/))
			next		# bare base64 etc.: exit 0 is enough
		s = substr(notes[p], RSTART + 12, RLENGTH - 12)
		delete want
		nb = split(s, parts, ", ")
		for (j = 1; j <= nb; j++) {
			m = parts[j]; c = m; sub(/.* x/, "", c); sub(/ x[0-9]+$/, "", m)
			want[std(m)] += c
		}
		w = fmt(want)
	} else if (k == "cert") w = "CERTIFICATE x1"
	else if (k == "chain") w = "CERTIFICATE x" nchain[p]
	else if (k == "csr") w = "CERTIFICATE REQUEST x1"
	else if (k == "crl") w = "X509 CRL x1"
	else if (k == "key-encrypted") w = "ENCRYPTED PRIVATE KEY x1"
	else if (k == "p7") w = "PKCS7 x1"
	else if (k == "p12") w = "PKCS12 x1"
	else if (k == "key")
		w = g ~ /^(|RSA |EC |DSA )PRIVATE KEY x1$/ ? g : "a private key"
	else if (k == "pubkey")
		w = g ~ /^(RSA )?PUBLIC KEY x1$/ ? g : "a public key"
	else w = "?"
	if (g != w) print p ": " k "/" e ": got [" g "], want [" w "]"
}' "$C/CHAINS.tsv" "$C/MANIFEST.tsv" "$T/list" "$T/rc"
