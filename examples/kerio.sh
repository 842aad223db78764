#!/bin/sh
# examples/kerio.sh -H NAME [-H NAME ...] KEY CERT CAFILE ... : Kerio
# Connect's layout after every check: sslcert/server.crt (leaf and
# intermediates) and sslcert/server.key, and each intermediate in sslca/
# under its subject hash, in kerio-build/kerio/, for the host names given
# with -H.
exec sh "$(dirname "$0")/layout.sh" kerio kerio.sh "$@"
