#!/usr/bin/env python3
"""tests/ari-server.py DIR PORTFILE [CERT KEY]: an ACME renewalInfo server
(RFC 9773) on 127.0.0.1 for cert-info --ari's cases, over https when CERT
and KEY (PEM files, tests/fixtures/ari-tls/) are given (TLS 1.2 or later),
else http.  GET /KIND/CERTID answers:
  /ari/ID     the file DIR/ID.json (a 404 when there is none)
  /html/ID    an HTML page with status 200 (a captive portal, a proxy)
  /big/ID     128 KiB of JSON-looking bytes (over the 64 KiB cap)
  /slow/ID    answers after 30 s (a timeout)
  /loop/ID    redirects to itself (a redirect loop)
  /down/ID    redirects to http://127.0.0.1:PORT/ari/ID, its own port
              over plain http (a downgrade from https)
anything else is a 404.  It writes its port to PORTFILE, logs each
request path to DIR/requests.log, and exits after 300 s.  Never any
other address."""
import http.server
import os
import socketserver
import ssl
import sys
import threading
import time

root, portfile = sys.argv[1], sys.argv[2]


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def answer(self, body, ctype="application/json"):
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def do_GET(self):
        with open(os.path.join(root, "requests.log"), "a") as f:
            f.write(self.path + "\n")
        parts = self.path.split("/")
        kind = parts[1] if len(parts) == 3 else ""
        if kind == "slow":
            time.sleep(30)
        if kind == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if kind == "down":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:%d/ari/%s" %
                             (self.server.server_address[1], parts[-1]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if kind == "html":
            self.answer(b"<!DOCTYPE html><html><body>Sign in</body></html>",
                        "text/html")
            return
        if kind == "big":
            self.answer(b'{"x": "' + b"a" * (128 * 1024) + b'"}')
            return
        f = os.path.join(root, os.path.basename(parts[-1]) + ".json")
        if kind != "ari" or not os.path.isfile(f):
            self.send_error(404, "Not Found")
            return
        self.answer(open(f, "rb").read())


class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


s = S(("127.0.0.1", 0), H)
if len(sys.argv) > 4:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
    s.socket = ctx.wrap_socket(s.socket, server_side=True)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % s.server_address[1])
os.rename(portfile + ".tmp", portfile)
threading.Timer(300, lambda: os._exit(0)).start()
s.serve_forever()
