"""HTTP signatures as the fediverse uses them (draft-cavage-http-signatures-12,
`rsa-sha256` / `hs2019` with RSA keys), plus the `Digest` header (RFC 3230).

Written with `cryptography` rather than a library: the maintained ones
implement RFC 9421 (`http-message-signatures`), which Mastodon, Mobilizon and
Gancio do not speak, or sign for `requests` only (`requests-http-signature`,
cavage support dropped); the cavage scheme is a string to sign and one RSA
operation.

Signing: (request-target) host date digest for POST, (request-target) host
date for GET. Verifying: the `Signature` header must cover (request-target),
host and date (and digest for a body); the date must be within
`MAX_CLOCK_SKEW`; the digest must match the body.
"""

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

MAX_CLOCK_SKEW = timedelta(hours=1)
_PARAM = re.compile(r'(\w+)="([^"]*)"')


class SignatureError(Exception):
    """A request whose signature is missing, malformed or wrong."""


def new_key_pair():
    """(private PEM, public PEM) of a new 2048-bit RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def digest(body):
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def _sha256_digest(header):
    """The SHA-256 value of a `Digest` header (which may list several), or "".
    Algorithm names are case-insensitive (RFC 3230): bovine and others send
    `sha-256=`."""
    for part in header.split(","):
        name, _sep, value = part.strip().partition("=")
        if name.upper() == "SHA-256":
            return value.strip()
    return ""


def http_date(when=None):
    return format_datetime(when or datetime.now(UTC), usegmt=True)


def _signing_string(headers, names, method, path):
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            value = headers.get(name)
            if value is None:
                raise SignatureError(f"signed header {name} is missing")
            lines.append(f"{name}: {value}")
    return "\n".join(lines)


def sign(method, url, *, key_id, private_key_pem, body=None, when=None):
    """The headers (Host, Date, Digest for a body, Signature) for a request."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"host": parts.netloc, "date": http_date(when)}
    names = ["(request-target)", "host", "date"]
    if body is not None:
        headers["digest"] = digest(body)
        names.append("digest")
    text = _signing_string(headers, names, method, path)
    key = serialization.load_pem_private_key(private_key_pem.encode(), password=None)
    signature = key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(signature).decode()}"'
    )
    return {name.title(): value for name, value in headers.items()}


@dataclass
class ParsedSignature:
    key_id: str
    algorithm: str
    headers: list
    signature: bytes


def parse(header):
    """The parts of a `Signature` header; SignatureError when it is unusable."""
    if not header:
        raise SignatureError("no signature")
    params = dict(_PARAM.findall(header))
    try:
        value = base64.b64decode(params["signature"], validate=True)
    except (KeyError, ValueError) as error:
        raise SignatureError("malformed signature") from error
    if not params.get("keyId"):
        raise SignatureError("no keyId")
    algorithm = params.get("algorithm", "hs2019").lower()
    if algorithm not in {"rsa-sha256", "hs2019"}:
        raise SignatureError(f"unsupported algorithm {algorithm}")
    names = params.get("headers", "date").lower().split()
    return ParsedSignature(params["keyId"], algorithm, names, value)


def check(parsed, *, method, path, headers, body, public_key_pem, now=None):
    """Raise SignatureError unless `parsed` signs this request with this key.

    `headers`: a case-insensitive mapping of the request's headers; `path`
    with its query string."""
    required = {"(request-target)", "host", "date"}
    if body:
        required.add("digest")
    missing = required - set(parsed.headers)
    if missing:
        raise SignatureError(f"signature does not cover {', '.join(sorted(missing))}")
    try:
        sent = parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError) as error:
        raise SignatureError("bad date") from error
    if sent is None or sent.tzinfo is None:
        raise SignatureError("bad date")
    if abs((now or datetime.now(UTC)) - sent) > MAX_CLOCK_SKEW:
        raise SignatureError("date too far from now")
    if body and _sha256_digest(headers.get("digest", "")) != digest(body).split("=", 1)[1]:
        raise SignatureError("digest does not match the body")
    text = _signing_string(
        {name.lower(): value for name, value in headers.items()}, parsed.headers, method, path
    )
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode())
        key.verify(parsed.signature, text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError) as error:
        raise SignatureError("signature does not match") from error
