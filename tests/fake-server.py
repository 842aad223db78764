#!/usr/bin/env python3
"""tests/fake-server.py MODE PORTFILE [CERT KEY]: a scripted server on
127.0.0.1 (or ::1) for tls-fetch's cases, the good ones of every STARTTLS protocol
and the failures a real server will not stage.  It listens on a free
port, writes the port to PORTFILE, serves one connection, and exits.
Never any other address.

MODE is PROTO (smtp imap pop3 ftp ldap xmpp sieve postgres tls: the
protocol's exchange, then TLS with CERT and KEY), or a failure: no-PROTO
(STARTTLS not offered), garbage (a greeting of no protocol), silent
(never answers), close-in-handshake (reads the ClientHello, closes),
alert (answers the ClientHello with a fatal handshake_failure alert),
inject (SMTP that sends a line after its STARTTLS go-ahead)."""
import os
import socket
import ssl
import sys
import time

mode, portfile = sys.argv[1], sys.argv[2]
cert, key = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else (None, None)

# FAKE_ADDR=::1 listens on IPv6's loopback instead
addr = os.environ.get("FAKE_ADDR", "127.0.0.1")
assert addr in ("127.0.0.1", "::1")
ls = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET,
                   socket.SOCK_STREAM)
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((addr, 0))
ls.listen(1)
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % ls.getsockname()[1])
os.rename(portfile + ".tmp", portfile)
ls.settimeout(30)
s, _ = ls.accept()
s.settimeout(30)
rf = s.makefile("rb")


def send(b):
    s.sendall(b)


def line():
    return rf.readline()


def tls():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    sni = os.environ.get("FAKE_SNI")
    if sni:
        # the server name the client sent, or "none", into FAKE_SNI
        def record(sock, name, c):
            with open(sni, "w") as f:
                f.write((name or "none") + "\n")
        ctx.sni_callback = record
    t = ctx.wrap_socket(s, server_side=True)
    t.close()


proto = mode[3:] if mode.startswith("no-") else mode
offer = not mode.startswith("no-")

if mode == "garbage":
    send(b"HELLO this is no protocol\r\n")
    line()
elif mode == "silent":
    time.sleep(20)
elif mode in ("close-in-handshake", "alert"):
    s.recv(4096)
    if mode == "alert":
        send(bytes([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28]))
        time.sleep(0.5)
elif proto in ("smtp", "inject"):
    send(b"220-mail.example.test ESMTP\r\n220 ready\r\n")
    line()
    send(b"250-mail.example.test\r\n250-PIPELINING\r\n" +
         (b"250-STARTTLS\r\n" if offer else b"") + b"250 8BITMIME\r\n")
    if offer:
        line()
        send(b"220 go ahead\r\n" + (b"250 injected\r\n" if mode == "inject"
                                    else b""))
        if mode != "inject":
            tls()
        else:
            s.recv(4096)
    else:
        line()
elif proto == "imap":
    send(b"* OK [CAPABILITY IMAP4rev1] ready\r\n")
    line()
    send(b"* CAPABILITY IMAP4rev1 LITERAL+ " +
         (b"STARTTLS " if offer else b"") + b"LOGINDISABLED\r\n"
         b"a1 OK done\r\n")
    if offer:
        line()
        send(b"a2 OK Begin TLS negotiation now\r\n")
        tls()
    else:
        line()
elif proto == "pop3":
    send(b"+OK ready\r\n")
    line()
    send(b"+OK\r\nTOP\r\nUIDL\r\n" + (b"STLS\r\n" if offer else b"") +
         b".\r\n")
    if offer:
        line()
        send(b"+OK begin TLS\r\n")
        tls()
    else:
        line()
elif proto == "ftp":
    send(b"220 ftp ready\r\n")
    line()
    if offer:
        send(b"234 AUTH TLS ok\r\n")
        tls()
    else:
        send(b"500 unknown command\r\n")
elif proto == "sieve":
    send(b'"IMPLEMENTATION" "fake"\r\n"SIEVE" "fileinto"\r\n' +
         (b'"STARTTLS"\r\n' if offer else b"") + b'OK "ready"\r\n')
    if offer:
        line()
        send(b"OK \"begin TLS\"\r\n")
        tls()
    else:
        line()
elif proto == "xmpp":
    data = b""
    while b">" not in data.split(b"stream:stream", 1)[-1]:
        data += s.recv(4096)
    send(b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
         b"xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>"
         b"<stream:features>" +
         (b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>"
          b"</starttls>" if offer else b"") +
         b"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
         b"<mechanism>PLAIN</mechanism></mechanisms></stream:features>")
    if offer:
        s.recv(4096)
        send(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        tls()
    else:
        s.recv(4096)
elif proto == "ldap":
    s.recv(4096)
    # ExtendedResponse, messageID 1, resultCode success (0) or
    # protocolError (2)
    send(bytes([0x30, 0x0c, 0x02, 0x01, 0x01, 0x78, 0x07, 0x0a, 0x01,
                0x00 if offer else 0x02, 0x04, 0x00, 0x04, 0x00]))
    if offer:
        tls()
elif proto == "postgres":
    s.recv(8)
    send(b"S" if offer else b"N")
    if offer:
        tls()
elif proto == "tls":
    tls()
else:
    sys.exit("fake-server: unknown mode " + mode)
try:
    s.close()
except OSError:
    pass
