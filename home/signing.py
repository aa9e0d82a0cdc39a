"""Signed values for links sent by e-mail, usable in a page route's path.

Anyone holding such a link may act on what it names (a registration, an
organisation's directory entry) without an account, so the value is signed
with SECRET_KEY and, where the link should not live forever, read back with a
maximum age.
"""

import base64

from django.core import signing


def url_token(value, salt):
    """`value` signed with SECRET_KEY, as letters, digits, "-" and "_" only
    (Wagtail's page routes accept nothing else in a path segment)."""
    signed = signing.dumps(value, salt=salt, compress=True)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def read_url_token(token, salt, max_age=None):
    """The value of a `url_token`. Raises `signing.SignatureExpired` for a link
    older than `max_age` and `signing.BadSignature` for anything else."""
    if not isinstance(token, str) or len(token) > 500:
        raise signing.BadSignature("not a token")
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode()).decode()
    except (ValueError, UnicodeError) as error:
        raise signing.BadSignature("not a token") from error
    return signing.loads(signed, salt=salt, max_age=max_age)
