#!/bin/sh
# examples/kerio.sh -H NAME [-H NAME ...] KEY CERT CAFILE ... : Kerio Connect's layout after
# every check: sslcert/server.crt (leaf and intermediates) and
# sslcert/server.key, and each intermediate in sslca/ under its subject
# hash, in kerio-build/kerio/, for the host names given with -H (at least
# one).
set -eu
usage() { echo "usage: kerio.sh -H NAME [-H NAME ...] KEY CERT CAFILE ..." >&2; exit 2; }
names=
while [ $# -gt 0 ] && [ "$1" = -H ]; do
	[ $# -ge 2 ] || usage
	names="$names $2"
	shift 2
done
[ -n "$names" ] && [ $# -ge 3 ] || usage
key=$1 cert=$2
shift 2
exec make -s -f "$(dirname "$0")/Makefile" KEY="$key" CERT="$cert" CA="$*" \
    NAMES="${names# }" OUT=kerio-build kerio
