/* reqout.c: csr-new's --json report; see reqout.h. */
#include "base/io.h"
#include "base/json.h"
#include "out/reqout.h"

void
reqout_json(const struct csr_review *rv, const char *csrfile,
    const char *keyfile, int newkey, int smime)
{
	struct out o;
	struct json j;

	if (out_open(&o, NULL, 0) != 0)
		return;
	json_begin_at(&j, &o, csrfile, 1, 1, "csr");
	json_str(&j, "subject", rv->xi.subject, -1);
	json_open(&j, "san", '{');
	json_list(&j, "dns", rv->xi.dns.v, rv->xi.dns.n);
	json_list(&j, "ip", rv->xi.ip.v, rv->xi.ip.n);
	json_list(&j, "email", rv->xi.email.v, rv->xi.email.n);
	json_close(&j, '{');
	json_open(&j, "key", '{');
	json_str(&j, "type", rv->xi.key_type, -1);
	json_int(&j, "bits", rv->xi.key_bits);
	json_str(&j, "curve", rv->xi.curve[0] ? rv->xi.curve : NULL, -1);
	json_str(&j, "spki_sha256", rv->spki_sha256, -1);
	json_bool(&j, "new", newkey);
	json_str(&j, "file", keyfile, -1);
	json_close(&j, '{');
	json_str(&j, "tlsa", rv->tlsa, -1);
	json_str(&j, "profile", smime ? "smime" : "tls", -1);
	json_end(&j);
	out_close(&o);
}
