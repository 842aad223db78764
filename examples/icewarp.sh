#!/bin/sh
# examples/icewarp.sh KEY CERT CAFILE... : IceWarp's one PEM, the private
# key first, then the certificate and the intermediates, as its manual
# shows, in icewarp/server.pem (mode 0600), after every check.
set -eu
[ $# -ge 3 ] || { echo "usage: icewarp.sh KEY CERT CAFILE ..." >&2; exit 2; }
key=$1 cert=$2
shift 2
exec make -s -f "$(dirname "$0")/Makefile" KEY="$key" CERT="$cert" CA="$*" \
    OUT=icewarp-build icewarp
