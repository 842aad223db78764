#!/usr/bin/env python3
"""tests/aia-server.py DIR PORTFILE: an HTTP server on 127.0.0.1 for
chain-order --fetch's cases, serving the files of DIR, and these paths:
  /slow       answers after 30 s (a timeout)
  /loop       redirects to itself (a redirect loop)
  /hop        redirects to /inter.der (one redirection, followed)
  /hop-crl    redirects to /inter.crl (one redirection, followed)
  /big        2 MiB of DER-looking bytes (over the 1 MiB cap)
  /huge       9 MiB of DER-looking bytes (over --crl-fetch's 8 MiB cap)
  /html       an HTML page with status 200 (a captive portal)
  /stall      all of inter.der without a Content-Length, then 30 s of
              silence with the connection open (a stalled body after a
              whole answer)
  /reset      half of inter.der, then a TCP reset (not the end of a body)
  /rel-abs    redirects to "/inter.der" (relative, RFC 9110 10.2.2)
  /rel-path   redirects to "inter.der"
  /sub/rel-dot redirects to "../inter.der"
  /rel-net    redirects to "//127.0.0.1:PORT/inter.der"
  /delay/NAME the file NAME of DIR after 2 s (slow, under a timeout)
POST /ocsp-stall/PORT passes the request to the OCSP responder at
127.0.0.1:PORT and sends its whole answer back without a Content-Length,
then 30 s of silence.
anything else missing is a 404.  Any other POST (an OCSP request) is
answered with the file its path names, whatever it asks: a fixed,
replayed OCSP response.  It writes its port to PORTFILE, logs
each request path to DIR/requests.log, and exits after 300 s.  Never any
other address."""
import http.client
import http.server
import os
import socket
import socketserver
import struct
import sys
import threading
import time

root, portfile = sys.argv[1], sys.argv[2]


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def do_GET(self):
        with open(os.path.join(root, "requests.log"), "a") as f:
            f.write(self.path + "\n")
        p = self.path.split("?")[0]
        if p == "/slow":
            time.sleep(30)
        if p.startswith("/delay/"):
            time.sleep(2)
        if p in ("/loop", "/hop", "/hop-crl"):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:%d%s" % (
                self.server.server_address[1],
                {"/loop": "/loop", "/hop": "/inter.der",
                 "/hop-crl": "/inter.crl"}[p]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        rel = {"/rel-abs": "/inter.der", "/rel-path": "inter.der",
               "/sub/rel-dot": "../inter.der",
               "/rel-net": "//127.0.0.1:%d/inter.der" %
               self.server.server_address[1]}
        if p in rel:
            self.send_response(302)
            self.send_header("Location", rel[p])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if p in ("/stall", "/reset"):
            body = open(os.path.join(root, "inter.der"), "rb").read()
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-cert")
            self.end_headers()
            if p == "/stall":
                self.wfile.write(body)
                self.wfile.flush()
                time.sleep(30)
            else:
                self.wfile.write(body[:len(body) // 2])
                self.wfile.flush()
                self.connection.setsockopt(socket.SOL_SOCKET,
                                           socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
                self.connection.close()
            return
        if p == "/big":
            body = b"\x30\x83\x20\x00\x00" + b"\x00" * (2 * 1024 * 1024)
        elif p == "/huge":
            body = b"\x30\x84\x00\x90\x00\x00" + b"\x00" * (9 * 1024 * 1024)
        elif p == "/html":
            body = b"<!DOCTYPE html>\n<html><body>Log in to the " \
                b"hotel Wi-Fi</body></html>\n"
        else:
            f = os.path.join(root, os.path.basename(p))
            if not os.path.isfile(f):
                self.send_error(404, "Not Found")
                return
            body = open(f, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/pkix-cert")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass

    def do_POST(self):
        req = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if not self.path.startswith("/ocsp-stall/"):
            self.do_GET()
            return
        with open(os.path.join(root, "requests.log"), "a") as f:
            f.write("POST " + self.path + "\n")
        c = http.client.HTTPConnection("127.0.0.1",
                                       int(self.path.split("/")[2]), timeout=10)
        c.request("POST", "/", req,
                  {"Content-Type": "application/ocsp-request"})
        body = c.getresponse().read()
        self.send_response(200)
        self.send_header("Content-Type", "application/ocsp-response")
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        time.sleep(30)


class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


s = S(("127.0.0.1", 0), H)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % s.server_address[1])
os.rename(portfile + ".tmp", portfile)
threading.Timer(300, lambda: os._exit(0)).start()
s.serve_forever()
