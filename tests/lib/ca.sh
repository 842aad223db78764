# tests/lib/ca.sh: the one `openssl ca` configuration of the fixture
# scripts (sourced by tests/fixtures/mk*.sh and tests/mk-revocation.sh).

# ca_config DIR POLICY [SETTINGS]: print, on stdout, a configuration for
# `openssl ca` (and `openssl req`/`x509 -extfile`, which read only the
# extension sections a caller appends after it) whose database
# (DIR/index.txt), serial (DIR/serial), CRL number (DIR/crlnumber) and
# copies of issued certificates are in DIR; SHA-256; a subject may be
# issued more than once (unique_subject = no).  POLICY is the [ p ]
# section's lines ("commonName = supplied", ...): openssl ca writes the
# subject's fields in its order and drops the fields it does not name.
# SETTINGS, if given, are more lines for the CA section (copy_extensions,
# certificate, private_key, default_days, ...).  ca_init makes the files.
ca_config() {
	printf '[ ca ]\ndefault_ca = d\n[ d ]\n'
	printf 'database = %s/index.txt\nnew_certs_dir = %s\n' "$1" "$1"
	printf 'serial = %s/serial\ncrlnumber = %s/crlnumber\n' "$1" "$1"
	printf 'default_md = sha256\npolicy = p\nunique_subject = no\n'
	[ -z "${3-}" ] || printf '%s\n' "$3"
	printf '[ p ]\n%s\n' "$2"
}

# ca_init DIR SERIAL: an empty database in DIR, SERIAL (hex) the next
# serial number unless DIR/serial exists, CRL number 01
ca_init() {
	: >"$1/index.txt"
	[ -f "$1/serial" ] || echo "$2" >"$1/serial"
	echo 01 >"$1/crlnumber"
}
