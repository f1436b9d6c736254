"""The witness over HTTP: ``POST /add-checkpoint``, ``GET /<origin hash>/checkpoint``.

Standard library only (``http.server``): a witness is a small service another
body runs, and its few requests need nothing more. Put it behind a TLS proxy.
"""

from __future__ import annotations

import logging
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from safeledger.witness.witness import NOTE_TYPE, Response, Witness

MAX_BODY = 64 * 1024
ORIGIN_HASH = re.compile(r"/([0-9a-f]{64})/checkpoint")
log = logging.getLogger(__name__)


def make_server(witness: Witness, host: str, port: int) -> ThreadingHTTPServer:
    """A server answering the witness's two requests; call serve_forever()."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "safeledger-witness/1"

        def do_POST(self) -> None:
            if self.path.rstrip("/") != "/add-checkpoint":
                return self.answer(Response(404, "not found\n"))
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self.answer(Response(413, "request too large\n"))
            response = witness.add_checkpoint(self.rfile.read(length))
            log.info("add-checkpoint: %s %s", response.status, response.body.strip())
            return self.answer(response)

        def do_GET(self) -> None:
            match = ORIGIN_HASH.fullmatch(self.path)
            found = witness.checkpoint_for(match.group(1)) if match else None
            if found is None:
                return self.answer(Response(404, "no checkpoint cosigned\n"))
            return self.answer(Response(200, found, NOTE_TYPE))

        def answer(self, response: Response) -> None:
            data = response.body.encode("utf-8")
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            log.debug(format, *args)

    return ThreadingHTTPServer((host, port), Handler)
