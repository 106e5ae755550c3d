"""A test SMTP server: aiosmtpd on 127.0.0.1, port chosen by the OS and printed as "PORT <n>".

Each accepted message is written to --directory as <id>.eml (the content as received, after
dot-unstuffing) and <id>.json (envelope sender, recipients, whether TLS was on, who authenticated).
The server stops when its standard input closes.
"""
import argparse
import asyncio
import json
import ssl
import sys
import uuid
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class RecordingHandler:
    def __init__(self, directory, rejected):
        self.directory = Path(directory)
        self.rejected = set(rejected)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.rejected:
            return "550 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        (self.directory / f"{name}.eml").write_bytes(envelope.content)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "auth": session.auth_data if session.authenticated else None,
        }
        (self.directory / f"{name}.json").write_text(json.dumps(record))
        return "250 Message accepted for delivery"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == user.encode()
            and auth_data.password == password.encode()
        )
        return AuthResult(success=ok, handled=False, auth_data={"user": user, "mechanism": mechanism})

    return authenticate


async def serve(args):
    tls_context = None
    if args.cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.cert, args.key)
    options = {"hostname": "smtp.test", "decode_data": False}
    if args.starttls:
        options.update(tls_context=tls_context, require_starttls=True)
    if args.user:
        options.update(
            authenticator=make_authenticator(args.user, args.password),
            auth_require_tls=not args.implicit_tls,
            auth_exclude_mechanism=["PLAIN"] if args.login_only else [],
        )
    handler = RecordingHandler(args.directory, args.reject)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, **options),
        host="127.0.0.1",
        port=0,
        ssl=tls_context if args.implicit_tls else None,
    )
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--directory", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--starttls", action="store_true", help="offer and require STARTTLS")
    parser.add_argument("--implicit-tls", action="store_true", help="TLS from the first byte")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--login-only", action="store_true", help="offer AUTH LOGIN but not PLAIN")
    parser.add_argument("--reject", action="append", default=[], help="recipient to refuse with 550")
    asyncio.run(serve(parser.parse_args()))


if __name__ == "__main__":
    main()
