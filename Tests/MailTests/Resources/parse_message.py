"""Parses a message file with Python's email package (policy.default) and prints what it decoded as JSON."""
import json
import sys
from email import policy
from email.parser import BytesParser


def mailboxes(message, name):
    header = message[name]
    if header is None:
        return []
    return [{"name": a.display_name, "address": a.addr_spec} for a in header.addresses]


def text_of(message, subtype):
    """The decoded body text. Lines end in CRLF on the wire, and get_content() keeps them; they become LF here."""
    part = message.get_body((subtype,))
    return None if part is None else part.get_content().replace("\r\n", "\n")


def main():
    raw = open(sys.argv[1], "rb").read()
    message = BytesParser(policy=policy.default).parsebytes(raw)
    defects = [repr(d) for part in message.walk() for d in part.defects]
    for _, value in message.items():
        defects += [repr(d) for d in getattr(value, "defects", ())]
    date = message["date"]
    print(json.dumps({
        "subject": str(message["subject"]),
        "from": mailboxes(message, "from"),
        "to": mailboxes(message, "to"),
        "reply_to": mailboxes(message, "reply-to"),
        "message_id": message["message-id"],
        "date": date.datetime.isoformat() if date is not None and date.datetime else None,
        "mime_version": message["mime-version"],
        "content_type": message.get_content_type(),
        "plain": text_of(message, "plain"),
        "html": text_of(message, "html"),
        "list_unsubscribe": message["list-unsubscribe"],
        "list_unsubscribe_post": message["list-unsubscribe-post"],
        "defects": defects,
    }))


if __name__ == "__main__":
    main()
