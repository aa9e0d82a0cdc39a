"""An ActivityPub actor whose HTTP signatures are made and checked by bovine
(PyPI), an implementation independent of ours: the independent peer of
tests/federation/test_bovine.py.

Run as its own process with bovine on PYTHONPATH (tests/pypi.py installs it
outside the project's environment), never imported by the tests:

    python bovine_peer.py PORT RECORD_FILE

It serves, on http://127.0.0.1:PORT,

- GET /actor: a `Person` with its inbox and public key;
- POST /inbox: accepted (202) only when bovine verifies the request's HTTP
  signature with the key it fetches from the sender, and the activity's actor
  owns that key; every accepted activity is appended to RECORD_FILE as a JSON
  line (with the request's content type); anything else is refused (401/403);
- POST /control/follow {"webfinger": URL, "resource": "acct:..."}: looks the
  account up with WebFinger, fetches its actor and sends it a signed `Follow`;
  answers with the inbox's status, the actor and the Follow's id;
- POST /control/post {"inbox": URL, "activity": {...}, "forged": bool}: sends
  a signed activity; forged: signed with another key than the actor
  document's, under the actor document's key id. Answers with the status.
"""

import json
import sys
import uuid

import aiohttp
from aiohttp import web
from bovine.clients.lookup_account import lookup_with_webfinger
from bovine.clients.signed_http import SignedHttpClient
from bovine.crypto import build_validate_http_signature_raw, generate_rsa_public_private_key
from bovine.crypto.types import CryptographicIdentifier

ACTIVITY_JSON = "application/activity+json"


class BovinePeer:
    def __init__(self, port, record):
        self.base = f"http://127.0.0.1:{port}"
        self.record = record
        self.public_pem, self.private_pem = generate_rsa_public_private_key()
        self.forged_private_pem = generate_rsa_public_private_key()[1]
        self.validate = build_validate_http_signature_raw(self.key_for)
        self.session = None

    @property
    def actor_id(self):
        return f"{self.base}/actor"

    @property
    def key_id(self):
        return f"{self.actor_id}#main-key"

    def client(self, forged=False):
        return SignedHttpClient(
            self.session, self.key_id, self.forged_private_pem if forged else self.private_pem
        )

    async def key_for(self, key_id):
        """The sender's key as its actor document gives it (bovine calls this)."""
        async with self.session.get(
            key_id.split("#", 1)[0], headers={"accept": ACTIVITY_JSON}
        ) as response:
            if response.status != 200:
                return None
            document = await response.json(content_type=None)
        key = document.get("publicKey", document)
        if not isinstance(key, dict) or key.get("id") != key_id:
            return None
        return CryptographicIdentifier.from_public_key(key)

    async def get_actor(self, request):
        document = {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.actor_id,
            "type": "Person",
            "preferredUsername": "bovine",
            "inbox": f"{self.base}/inbox",
            "outbox": f"{self.base}/outbox",
            "publicKey": {
                "id": self.key_id,
                "owner": self.actor_id,
                "publicKeyPem": self.public_pem,
            },
        }
        return web.json_response(document, content_type=ACTIVITY_JSON)

    async def post_inbox(self, request):
        body = await request.read()

        async def read_body():
            return body

        owner = await self.validate(request.method, str(request.url), request.headers, read_body)
        if owner is None:
            return web.Response(status=401, text="signature not verified")
        activity = json.loads(body)
        if activity.get("actor") != owner:
            return web.Response(status=403, text="signed by someone else than the actor")
        line = {"content_type": request.headers.get("content-type", ""), "activity": activity}
        with open(self.record, "a") as record:
            record.write(json.dumps(line) + "\n")
        return web.Response(status=202)

    async def follow(self, request):
        wanted = await request.json()
        actor_url = await lookup_with_webfinger(
            self.session, wanted["webfinger"], {"resource": wanted["resource"]}
        )
        async with self.session.get(actor_url, headers={"accept": ACTIVITY_JSON}) as response:
            actor = await response.json(content_type=None)
        activity = {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": f"{self.base}/follows/{uuid.uuid4()}",
            "type": "Follow",
            "actor": self.actor_id,
            "object": actor["id"],
        }
        response = await self.client().post(actor["inbox"], json.dumps(activity))
        return web.json_response(
            {"status": response.status, "actor": actor, "follow": activity["id"]}
        )

    async def post(self, request):
        wanted = await request.json()
        activity = {"actor": self.actor_id, **wanted["activity"]}
        client = self.client(forged=wanted.get("forged", False))
        response = await client.post(wanted["inbox"], json.dumps(activity))
        return web.json_response({"status": response.status, "text": await response.text()})

    async def start(self, app):
        self.session = aiohttp.ClientSession()

    async def stop(self, app):
        await self.session.close()

    def app(self):
        app = web.Application()
        app.router.add_get("/actor", self.get_actor)
        app.router.add_post("/inbox", self.post_inbox)
        app.router.add_post("/control/follow", self.follow)
        app.router.add_post("/control/post", self.post)
        app.on_startup.append(self.start)
        app.on_cleanup.append(self.stop)
        return app


if __name__ == "__main__":
    port, record = int(sys.argv[1]), sys.argv[2]
    web.run_app(BovinePeer(port, record).app(), host="127.0.0.1", port=port, print=None)
