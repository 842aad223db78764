#!/bin/sh
# examples/icewarp.sh -H NAME [-H NAME ...] KEY CERT CAFILE ... : IceWarp's
# one PEM, the private key first, then the certificate and the
# intermediates, as its manual shows, in icewarp-build/icewarp/server.pem
# (mode 0600), after every check, for the host names given with -H.
exec sh "$(dirname "$0")/layout.sh" icewarp icewarp.sh "$@"
