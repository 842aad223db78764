#!/bin/sh
# tests/chains-check.sh: chain-order against the corpus's expected chains.
#  1. CHAINS.tsv: every file that holds one chain; chain-order -r
#     --partial must write the certificates at expected_leaf_to_root_indices,
#     in that order.
#  2. x509-limbo cases with a chain.pem: with trusted.pem as --ca-file and
#     the peer and intermediates as input, chain-order -r must write
#     chain.pem; with the scrambled bag.pem as input, the same.
# Known differences, each with its reason, are listed below and must
# still differ (so the list cannot go stale) when they are in the sample:
# CORPUS_SAMPLE=N checks the 1st, N+1-th, ... row of each list
# (tests/lib/sweep.sh).  Prints one line per
# unexpected result and a summary; exits 1 if there is any.
C=${C:-../shared/corpus}
CO=${CO:-bin/chain-order}
PS=${PS:-bin/pem-split}
T=${TMPDIR:-/tmp}/chains-check.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
# (none: rfc5280__root-inconsistent-ca-extensions, whose root OpenSSL
# marks invalid, links by name, key identifiers and signature since
# issue 10, with a warning naming the defect)
known_trusted=" "
# offline, without the trust anchor, these chains cannot be completed:
# the anchor is not self-signed (empty issuer; an AKI that names another
# key), or is the peer itself (negative serial)
known_bag=" rfc5280__ee-empty-issuer webpki__aki__root-with-aki-authoritycertissuer rfc5280__serial__negative "
# the leaf of this file does not link to the R3 next to it (another key):
# chain-order takes the end-entity as the leaf and reports its issuer
# missing; the corpus expects the longest linked chain, R3 -> ISRG Root X1
known_file=" x509-limbo/limbo/_assets/cryptography.io_mismatched.pem "
N=${CORPUS_SAMPLE:-1}
n=0 bad=0 row=0
while IFS='	' read -r path count order idx notes; do
	case $idx in ''|-|expected*) continue ;; esac
	row=$((row + 1))
	[ $(((row - 1) % N)) -eq 0 ] || continue
	n=$((n + 1))
	: >"$T/want"
	for i in $(echo "$idx" | tr , ' '); do
		"$PS" -n $((i + 1)) "$C/$path" >>"$T/want" 2>/dev/null
	done
	"$CO" -r --partial "$C/$path" >"$T/got" 2>/dev/null
	if cmp -s "$T/want" "$T/got"; then
		case $known_file in *" $path "*)
			bad=$((bad + 1)); echo "chains: $path: known difference is gone" ;;
		esac
	else
		case $known_file in *" $path "*) ;; *)
			bad=$((bad + 1)); echo "chains: $path: not $idx" ;;
		esac
	fi
done <"$C/CHAINS.tsv"
k=0
for d in "$C"/x509-limbo/cases/*/; do
	[ -f "$d/chain.pem" ] || continue
	k=$((k + 1))
	[ $(((k - 1) % N)) -eq 0 ] || continue
	id=$(basename "$d")
	u=
	[ -f "$d/untrusted.pem" ] && u="$d/untrusted.pem"
	for mode in trusted bag; do
		if [ $mode = trusted ]; then
			"$CO" -r -C "$d/trusted.pem" "$d/peer.pem" $u >"$T/got" 2>/dev/null
			known=$known_trusted
		else
			"$CO" -r "$d/bag.pem" >"$T/got" 2>/dev/null
			known=$known_bag
		fi
		n=$((n + 1))
		if cmp -s "$T/got" "$d/chain.pem"; then
			case $known in *" $id "*)
				bad=$((bad + 1)); echo "chains: $id ($mode): known difference is gone" ;;
			esac
		else
			case $known in *" $id "*) ;; *)
				bad=$((bad + 1)); echo "chains: $id ($mode): not chain.pem" ;;
			esac
		fi
	done
done
echo "$n chains, $bad unexpected"
[ $bad -eq 0 ]
