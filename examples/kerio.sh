#!/bin/sh
# examples/kerio.sh KEY CERT CAFILE... : Kerio Connect's layout after every
# check: sslcert/server.crt and sslcert/server.key, and each intermediate
# in sslca/ under its subject hash, in kerio-build/kerio/.
set -eu
[ $# -ge 3 ] || { echo "usage: kerio.sh KEY CERT CAFILE ..." >&2; exit 2; }
key=$1 cert=$2
shift 2
exec make -s -f "$(dirname "$0")/Makefile" KEY="$key" CERT="$cert" CA="$*" \
    OUT=kerio-build kerio
