#!/bin/sh
# tests/handshake.sh CERT KEY CHAIN CAFILE NAME: load a bundle into
# openssl s_server on loopback and complete a TLS handshake with
# s_client -verify_return_error, trusting CAFILE and checking NAME.
# Prints s_client's "Verification" line; exits 0 when the handshake
# verifies.
cert=$1 key=$2 chain=$3 ca=$4 name=$5
port=$((20000 + $$ % 20000))
openssl s_server -accept "127.0.0.1:$port" -cert "$cert" -key "$key" \
    -cert_chain "$chain" -naccept 1 -quiet </dev/null >/dev/null 2>&1 &
pid=$!
i=0
while [ $i -lt 50 ]; do
	out=$(openssl s_client -connect "127.0.0.1:$port" -CAfile "$ca" \
	    -verify_return_error -verify_hostname "$name" \
	    -servername "$name" </dev/null 2>&1)
	rc=$?
	case $out in *CONNECTED*) break ;; esac
	kill -0 $pid 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
kill $pid 2>/dev/null
wait $pid 2>/dev/null
printf '%s\n' "$out" | grep -m 1 -e '^Verification' -e 'verify error' ||
    printf '%s\n' "$out" | tail -n 3
exit $rc
