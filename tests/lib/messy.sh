# tests/lib/messy.sh: messy copies of a PEM file for the reader cases
# (sourced by tests/run).

# messy SRC DIR: write SRC (canonical PEM) into DIR in every messy form
# the reader accepts (CONVENTIONS.md section 4), one file per form.
messy() {
	mkdir -p "$2"
	sed 's/$/\r/' "$1" >"$2/crlf.pem"
	tr '\n' '\r' <"$1" >"$2/cr.pem"
	{ printf '\357\273\277'; cat "$1"; } >"$2/bom.pem"
	awk '/BEGIN/ { print "subject=CN = x"; print "Bag Attributes" }
	    { print } END { print "trailing text" }' "$1" >"$2/text.pem"
	sed 's/^/    /' "$1" >"$2/indent.pem"
	sed 's/^/\t/' "$1" >"$2/tabs.pem"
	awk '/-----BEGIN/ { print; b = ""; next }
	    /-----END/ { print b; print; next } { b = b $0 }' "$1" \
	    >"$2/longline.pem"
	awk '/-----END/ { print; next } { printf "%s ", $0 }' "$1" \
	    >"$2/oneline.pem"
	tr '\n' ' ' <"$1" >"$2/spaces.pem"
	awk '/-----END/ { printf "%s", $0; next } { print }' "$1" \
	    >"$2/glued.pem"
	sed 's/-----\(BEGIN\|END\) CERTIFICATE-----/-----\1 X509 CERTIFICATE-----/' \
	    "$1" >"$2/legacy.pem"
	awk '{ printf "%s\\n", $0 }' "$1" | \
	    sed 's/^/{"pem": "/; s/$/"}/' >"$2/json.pem"
	awk '{ printf "%s\\n", $0 }' "$1" >"$2/escaped.pem"
	head -c -1 "$1" >"$2/nofinalnl.pem"
}
