"""Checking who sent what to our inbox: the request's HTTP signature
(`federation.signatures`) with the sender's public key (fetched once and
kept, `services.remote_actor`; fetched again when it no longer verifies,
for keys that were rotated), and the activity's `actor` must be the key's
owner.

Answers: no or unusable signature 401; a key we cannot get 401; a signature
that does not verify 401; a valid signature by someone else than the
activity's actor 403."""

from dataclasses import dataclass

from federation import services, signatures, transport


@dataclass
class Refusal(Exception):
    status: int
    reason: str


def verified_sender(request, activity):
    """The RemoteActor that signed `request`, or raise Refusal."""
    try:
        parsed = signatures.parse(request.headers.get("Signature", ""))
    except signatures.SignatureError as error:
        raise Refusal(401, str(error)) from error
    body = request.body
    headers = {name.lower(): value for name, value in request.headers.items()}
    # Behind a proxy Django reads the Host the proxy passed on (USE_X_FORWARDED_HOST off).
    headers.setdefault("host", request.get_host())
    for refresh in (False, True):
        try:
            sender = services.remote_actor(parsed.key_id, refresh=refresh)
        except transport.TransportError as error:
            raise Refusal(401, f"key not available: {error}") from error
        try:
            signatures.check(
                parsed,
                method=request.method,
                path=request.get_full_path(),
                headers=headers,
                body=body,
                public_key_pem=sender.public_key_pem,
            )
            break
        except signatures.SignatureError as error:
            if refresh or "signature does not match" not in str(error):
                raise Refusal(401, str(error)) from error
    actor = activity.get("actor")
    actor = actor.get("id") if isinstance(actor, dict) else actor
    if actor != sender.uri:
        raise Refusal(403, "signed by someone else than the activity's actor")
    return sender
