#!/bin/sh
# tests/fake.sh MODE [CERT KEY]: start tests/fake-server.py MODE on
# 127.0.0.1 in the background, wait until it listens, print its port.
# It serves one connection and exits (or gives up after 30 s).
d=$(mktemp -d "${TMPDIR:-/tmp}/fake.XXXXXX") || exit 2
python3 "$(dirname "$0")/fake-server.py" "$1" "$d/port" ${2:+"$2"} ${3:+"$3"} \
    </dev/null >"$d/log" 2>&1 &
i=0
while [ ! -s "$d/port" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "fake.sh: $1: the server did not start" >&2
		cat "$d/log" >&2
		exit 2
	fi
	sleep 0.05
done
cat "$d/port"
rm -rf "$d"
