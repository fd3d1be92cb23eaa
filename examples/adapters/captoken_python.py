#!/usr/bin/env python3
"""A strict compact-token parser in Python 3 (standard library only), as a command adapter.

Protocol v2 (docs/adapter-protocol.md): one JSON request per line on stdin, {"id", "token"}; one
JSON answer per line on stdout, {"id", "ok": true, "header", "payload"} or {"id", "ok": false, "error",
"category"} (the category says why: base64url, utf8, json, ...). It applies captoken's rules, so it
passes every profile, `hardened` included:
  captoken conformance --profile hardened --fail-on hardened --adapter-cmd "python3 examples/adapters/captoken_python.py"
Known difference: JSON nested deeper than Python's recursion limit (about 1000 levels) is rejected
here and accepted by captoken; neither the vectors nor the generated tokens nest that deep.
"""
import base64
import binascii
import json
import os
import re
import sys

MAX_LENGTH = 16 * 1024
BASE64URL = re.compile(r"[A-Za-z0-9_-]*\Z")
FORBIDDEN = {"__proto__", "constructor", "prototype"}


class Reject(Exception):
    """A rejection; the message starts with captoken's code, the category is the protocol's."""

    def __init__(self, message):
        super().__init__(message)
        code = message.split(":", 1)[0]
        self.category = CATEGORIES.get(code, "other")


CATEGORIES = {
    "BASE64URL_INVALID_CHAR": "base64url",
    "BASE64URL_LENGTH": "base64url",
    "BASE64URL_NONCANONICAL": "base64url",
    "TOKEN_MALFORMED": "structure",
    "TOKEN_TOO_LARGE": "size",
    "TOKEN_UTF8": "utf8",
    "TOKEN_JSON": "json",
    "TOKEN_DUPLICATE_MEMBER": "duplicate-member",
    "TOKEN_FORBIDDEN_MEMBER": "forbidden-member",
}


def b64url_decode(segment):
    """Canonical unpadded base64url (RFC 4648 section 5, RFC 7515 section 2), or Reject."""
    if not BASE64URL.match(segment):
        raise Reject("BASE64URL_INVALID_CHAR: not base64url")  # also '+', '/', '=', whitespace
    if len(segment) % 4 == 1:
        raise Reject("BASE64URL_LENGTH: length is 1 mod 4")
    data = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    # Non-zero unused bits in the last character give the same bytes: re-encode and compare.
    if base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii") != segment:
        raise Reject("BASE64URL_NONCANONICAL: unused bits set")
    return data


def no_duplicates(pairs):
    obj = {}
    for name, value in pairs:
        if name in FORBIDDEN:
            raise Reject("TOKEN_FORBIDDEN_MEMBER: " + name)
        if name in obj:
            raise Reject("TOKEN_DUPLICATE_MEMBER: " + name)
        obj[name] = value
    return obj


def reject_constant(name):
    raise Reject("TOKEN_JSON: " + name + " is not JSON")


def json_object(data, segment):
    try:
        text = data.decode("utf-8")  # strict: no surrogates, no overlong forms; a BOM stays and fails below
    except UnicodeDecodeError:
        raise Reject("TOKEN_UTF8: the " + segment + " is not UTF-8")
    try:
        value = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=reject_constant)
    except RecursionError:  # nesting deeper than Python's stack allows (JavaScript's JSON.parse goes deeper)
        raise Reject("TOKEN_JSON: the " + segment + " nests too deeply")
    except ValueError:
        raise Reject("TOKEN_JSON: the " + segment + " is not JSON")
    if not isinstance(value, dict):
        raise Reject("TOKEN_JSON: the " + segment + " is not a JSON object")
    return value


def parse_token(token):
    if not isinstance(token, str):
        raise Reject("TOKEN_MALFORMED: not a string")
    if len(token.encode("utf-16-le", "surrogatepass")) // 2 > MAX_LENGTH:  # length in UTF-16 code units
        raise Reject("TOKEN_TOO_LARGE")
    parts = token.split(".")
    if len(parts) != 3 or parts[0] == "" or parts[2] == "":
        raise Reject("TOKEN_MALFORMED: need three segments, header and signature non-empty")
    header, payload, signature = (b64url_decode(p) for p in parts)
    return json_object(header, "header"), json_object(payload, "payload")


def answer(line):
    request_id = None
    try:
        request = json.loads(line)
        request_id = request["id"]
        header, payload = parse_token(request["token"])
        return {"id": request_id, "ok": True, "header": header, "payload": payload}
    except Reject as error:
        return {"id": request_id, "ok": False, "error": str(error), "category": error.category}
    except binascii.Error as error:
        return {"id": request_id, "ok": False, "error": str(error), "category": "base64url"}


def main():
    # Requests are pipelined: read whatever has arrived, answer every complete line, write once.
    fd = sys.stdin.fileno()
    partial = b""
    while True:
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            break
        lines = (partial + chunk).split(b"\n")
        partial = lines.pop()
        out = [json.dumps(answer(line.decode("utf-8"))) + "\n" for line in lines if line.strip()]
        if out:
            sys.stdout.write("".join(out))
            sys.stdout.flush()
    if partial.strip():
        sys.stdout.write(json.dumps(answer(partial.decode("utf-8"))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
