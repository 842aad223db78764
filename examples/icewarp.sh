#!/bin/sh
# examples/icewarp.sh -H NAME [-H NAME ...] KEY CERT CAFILE ... : IceWarp's one PEM, the private
# key first, then the certificate and the intermediates, as its manual
# shows, in icewarp-build/icewarp/server.pem (mode 0600), after every
# check, for the host names given with -H (at least one).
set -eu
usage() { echo "usage: icewarp.sh -H NAME [-H NAME ...] KEY CERT CAFILE ..." >&2; exit 2; }
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
    NAMES="${names# }" OUT=icewarp-build icewarp
