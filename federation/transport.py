"""Talking to other servers: signed GET of actors and keys, signed POST to
inboxes, never to a private, loopback or link-local address unless
`FEDERATION_ALLOW_PRIVATE_ADDRESSES` is on (tests, a local peer).

The host is resolved before each request and every address it resolves to
must be public; the request then goes to that host with a short timeout and no
redirects (a redirect could lead to an internal address)."""

import ipaddress
import json
import socket
from urllib.parse import urlsplit

import requests
from django.conf import settings

from federation import signatures

ACTIVITY_JSON = "application/activity+json"
ACCEPT = f'{ACTIVITY_JSON}, application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
TIMEOUT = 10
MAX_BYTES = 1024 * 1024


class TransportError(Exception):
    """The other server could not be reached, refused, or is not allowed."""


def allowed_address(url):
    """Whether `url` is https (http only with private addresses allowed) on a
    host whose every address is public."""
    parts = urlsplit(url)
    allow_private = getattr(settings, "FEDERATION_ALLOW_PRIVATE_ADDRESSES", False)
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        return False
    if not parts.hostname:
        return False
    if allow_private:
        return True
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if (
            not address.is_global
            or address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return False
    return bool(infos)


def _user_agent():
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')} (ActivityPub)"


def fetch_json(url, *, actor=None):
    """GET an ActivityPub document, signed by `actor` (servers with
    "authorized fetch" ask for it)."""
    if not allowed_address(url):
        raise TransportError(f"address not allowed: {url}")
    headers = {"Accept": ACCEPT, "User-Agent": _user_agent()}
    if actor is not None:
        from federation.actors import key_id

        headers.update(
            signatures.sign("GET", url, key_id=key_id(actor), private_key_pem=actor.private_key_pem)
        )
    try:
        response = requests.get(url, headers=headers, timeout=TIMEOUT, allow_redirects=False)
    except requests.RequestException as error:
        raise TransportError(str(error)) from error
    if response.status_code != 200 or len(response.content) > MAX_BYTES:
        raise TransportError(f"{url} answered {response.status_code}")
    try:
        return response.json()
    except ValueError as error:
        raise TransportError(f"{url} sent no JSON") from error


def post_activity(inbox, activity, *, actor):
    """POST `activity` to `inbox`, signed by `actor`; TransportError unless 2xx."""
    if not allowed_address(inbox):
        raise TransportError(f"address not allowed: {inbox}")
    from federation.actors import key_id

    body = json.dumps(activity).encode()
    headers = signatures.sign(
        "POST", inbox, key_id=key_id(actor), private_key_pem=actor.private_key_pem, body=body
    )
    headers.update({"Content-Type": ACTIVITY_JSON, "User-Agent": _user_agent()})
    try:
        response = requests.post(
            inbox, data=body, headers=headers, timeout=TIMEOUT, allow_redirects=False
        )
    except requests.RequestException as error:
        raise TransportError(str(error)) from error
    if not 200 <= response.status_code < 300:
        raise TransportError(f"{inbox} answered {response.status_code}")
