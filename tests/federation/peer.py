"""An independent ActivityPub peer for the tests, on loopback: its own RSA key,
an actor document, an inbox that records what arrives, and a strict
draft-cavage checker written from the spec (not from `federation.signatures`),
so our signing is checked by code that does not share it.

The peer answers in its own thread; the checks run in the test's thread,
where our actor's public key is read through the test client."""

import base64
import hashlib
import json
import threading
import uuid
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa


class Peer:
    def __init__(self, name="ana"):
        self.name = name
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.received = []  # (path, headers dict lower-cased, body bytes)
        self.status = 202  # what the inbox answers; a test may make it fail
        self.lock = threading.Lock()
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if self.path == "/actor":
                    body = json.dumps(peer.actor_document()).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/activity+json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    self.send_response(404)
                    self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                with peer.lock:
                    headers = {k.lower(): v for k, v in self.headers.items()}
                    peer.received.append((self.path, headers, body))
                    status = peer.status
                self.send_response(status)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @property
    def actor_id(self):
        return f"{self.base}/actor"

    @property
    def key_id(self):
        return f"{self.actor_id}#main-key"

    def public_pem(self):
        return (
            self.key.public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
        )

    def actor_document(self):
        return {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.actor_id,
            "type": "Person",
            "preferredUsername": self.name,
            "inbox": f"{self.base}/inbox",
            "endpoints": {"sharedInbox": f"{self.base}/shared-inbox"},
            "publicKey": {
                "id": self.key_id,
                "owner": self.actor_id,
                "publicKeyPem": self.public_pem(),
            },
        }

    # -- Sending ----------------------------------------------------------------------

    def signed_post(self, path, activity, *, host="testserver", key=None, headers_list=None):
        """(body, headers for Django's test client) of a signed POST to `path`."""
        body = json.dumps(activity).encode()
        digest = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        values = {
            "(request-target)": f"post {path}",
            "host": host,
            "date": formatdate(usegmt=True),
            "digest": digest,
        }
        names = headers_list or ["(request-target)", "host", "date", "digest"]
        text = "\n".join(f"{n}: {values[n]}" for n in names)
        signature = (key or self.key).sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
        header = (
            f'keyId="{self.key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
            f'signature="{base64.b64encode(signature).decode()}"'
        )
        return body, {"Date": values["date"], "Digest": digest, "Signature": header}

    def follow(self, target):
        return {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": f"{self.base}/follows/{uuid.uuid4()}",
            "type": "Follow",
            "actor": self.actor_id,
            "object": target,
        }

    # -- Receiving --------------------------------------------------------------------

    def activities(self, public_key_for):
        """Every activity received, each checked strictly: the signature must
        cover (request-target), host, date and digest, the digest must match the
        body and the RSA-SHA256 signature must verify with the sender's key
        (`public_key_for(key_id) -> PEM`). AssertionError otherwise."""
        result = []
        with self.lock:
            received = list(self.received)
        for path, headers, body in received:
            params = dict(
                part.split("=", 1) for part in headers["signature"].split(",") if "=" in part
            )
            params = {k: v.strip('"') for k, v in params.items()}
            names = params["headers"].split()
            assert {"(request-target)", "host", "date", "digest"} <= set(names), names
            expected = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
            assert headers["digest"] == expected
            assert headers["content-type"].startswith("application/activity+json")
            lines = []
            for name in names:
                value = f"post {path}" if name == "(request-target)" else headers[name]
                lines.append(f"{name}: {value}")
            key = serialization.load_pem_public_key(public_key_for(params["keyId"]).encode())
            key.verify(
                base64.b64decode(params["signature"]),
                "\n".join(lines).encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
            result.append(json.loads(body))
        return result
