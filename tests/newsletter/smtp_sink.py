#!/usr/bin/env python3
"""A real SMTP server for the newsletter tests (aiosmtpd on 127.0.0.1).

    smtp_sink.py OUT_DIR [--reject-once ADDRESS]
        Serves SMTP on a free port of 127.0.0.1 and prints `PORT <n>` once
        ready. Every message received is parsed with Python's `email`
        package and written to OUT_DIR/<n>.json (envelope, headers, parts).
        `--reject-once` refuses the first RCPT TO of ADDRESS with a 550.
        `--starttls CERT KEY` requires STARTTLS with that certificate, and
        `--login USER:PASSWORD` requires that login (after STARTTLS).
        Runs until its standard input closes.

    smtp_sink.py --parse FILE
        Prints the same JSON for a message file (what `send --eml` wrote).
"""

import argparse
import asyncio
import email
import email.policy
import email.utils
import json
import os
import socket
import ssl
import sys

HEADERS = [
    "From", "To", "Reply-To", "Subject", "Date", "Message-ID", "MIME-Version",
    "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Type",
]


def describe(raw: bytes) -> dict:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    date = msg["Date"]
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content(),
        })
    return {
        "headers": {h: str(msg[h]) for h in HEADERS if msg[h] is not None},
        "header_counts": {h: len(msg.get_all(h) or []) for h in HEADERS},
        "content_type": msg.get_content_type(),
        "date_ok": date is not None and email.utils.parsedate_to_datetime(str(date)) is not None,
        "defects": [str(d) for d in msg.defects],
        "parts": parts,
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sink:
    def __init__(self, out_dir, reject_once):
        self.out_dir = out_dir
        self.reject_once = {a.lower() for a in reject_once}
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.reject_once:
            self.reject_once.discard(address.lower())
            return "550 5.1.1 Mailbox unavailable (rejected once by the test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        record = describe(envelope.original_content or envelope.content)
        record["tls"] = session.ssl is not None
        auth = getattr(session, "auth_data", None)
        login = getattr(auth, "login", auth)
        record["login"] = login.decode() if isinstance(login, bytes) else login
        record["authenticated"] = bool(getattr(session, "authenticated", False))
        record["envelope_from"] = envelope.mail_from
        record["envelope_to"] = list(envelope.rcpt_tos)
        path = os.path.join(self.out_dir, f"{self.count:04}.json")
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False, indent=1)
        os.replace(tmp, path)
        return "250 Message accepted"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir", nargs="?")
    parser.add_argument("--reject-once", action="append", default=[])
    parser.add_argument("--parse")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--login")
    args = parser.parse_args()
    if args.parse:
        with open(args.parse, "rb") as f:
            json.dump(describe(f.read()), sys.stdout, ensure_ascii=False)
        return 0
    from aiosmtpd.controller import Controller

    port = free_port()
    smtp = {}
    if args.starttls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*args.starttls)
        smtp.update(tls_context=context, require_starttls=True)
    if args.login:
        from aiosmtpd.smtp import AuthResult, LoginPassword

        user, password = args.login.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword)
                  and data.login.decode() == user and data.password.decode() == password)
            return AuthResult(success=ok, auth_data=data if ok else None)

        smtp.update(authenticator=authenticator, auth_required=True)
    controller = Controller(Sink(args.out_dir, args.reject_once), hostname="127.0.0.1",
                            port=port, **smtp)
    controller.start()
    print(f"PORT {port}", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
