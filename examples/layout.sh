#!/bin/sh
# examples/layout.sh TARGET NAME -H NAME [-H NAME ...] KEY CERT CAFILE ...:
# the shared part of icewarp.sh and kerio.sh: examples/Makefile's TARGET,
# after every check, into TARGET-build/, for the host names given with
# -H (at least one: there is no default).  NAME is the script's name, for
# its usage line.
set -eu
target=$1 me=$2
shift 2
usage() { echo "usage: $me -H NAME [-H NAME ...] KEY CERT CAFILE ..." >&2; exit 2; }
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
    NAMES="${names# }" OUT="$target-build" "$target"
