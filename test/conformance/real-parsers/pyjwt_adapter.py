#!/usr/bin/env python3
"""Real-parser panel: PyJWT as a command adapter (docs/adapter-protocol.md, v2).

It calls only PyJWT's own decode functions and makes no check of its own:
  header  = jwt.get_unverified_header(token)
  payload = jwt.decode(token, options={"verify_signature": False})
Anything either call raises (DecodeError, or any other exception PyJWT lets through) is a rejection
with the exception's class and message.

With verify_signature False, PyJWT 2.x also turns off its claim checks (exp, nbf, iat, aud, iss; and
sub, jti from 2.10): 2.6 sets those options to False in decode_complete, 2.15 in _merge_options. So
this adapter decodes, it does not validate, in every 2.x version.

The same script serves every PyJWT version: the interpreter decides which one is tested. The panel
runs it with `-I` (isolated: no PYTHONPATH, no user site-packages), so the PyJWT found is the
interpreter's own:
  /usr/bin/python3 -I pyjwt_adapter.py      Debian's python3-jwt (2.6.0)
  .venv-panel/bin/python -I pyjwt_adapter.py  PyJWT 2.15.1 pinned in requirements.txt

Answers are written with json.dumps as is. PyJWT reads JSON with Python's json module, which takes
NaN and Infinity; such a value is written as Python writes it (`NaN`), which is not JSON. The adapter
does not hide it: under protocol v2 the kit reads such an answer as data and judges it as one wrong
answer for that token (`the answer cannot be carried as JSON: payload.a is NaN`), and the run goes on.

Rejections carry no reject `category` (v2 makes it optional): PyJWT's exceptions do not say reliably
which rule a token broke, and guessing one here would be the adapter judging. Without a category a
rejection counts whatever its reason, which is what the panel's pins were made with.
"""
import json
import os
import sys

import jwt


def answer(line):
    # A request that is not {"id", "token"} is the kit's fault: let it crash the adapter, loudly.
    request = json.loads(line)
    request_id = request["id"]
    token = request["token"]
    try:
        header = jwt.get_unverified_header(token)
        payload = jwt.decode(token, options={"verify_signature": False})
    except Exception as error:  # every exception PyJWT raises or lets through is its rejection
        return {"id": request_id, "ok": False, "error": type(error).__name__ + ": " + str(error)}
    return {"id": request_id, "ok": True, "header": header, "payload": payload}


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
