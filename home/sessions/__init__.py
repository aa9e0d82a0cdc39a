"""Session keys that show they were made by this site.

The page cache skips requests that carry a real session (home/cache.py); to
know that without a look-up per request, every key our session engines make
is 20 random characters followed by 12 of an HMAC of them under SECRET_KEY
(`signed_key`). A made-up cookie fails `made_here` at the cost of one HMAC, so
a flood with a new made-up key on every request is served from the cache and
never reaches the session store. Sessions made before these engines (plain
random keys) still work for the admin; on public pages they count as no
session until their next login.

`home.sessions.cached_db` and `home.sessions.db` are Django's engines of the
same names with these keys.
"""

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.utils.crypto import constant_time_compare, get_random_string, salted_hmac

RANDOM_CHARS = 20
MAC_CHARS = 12
SALT = "home.sessions.key"


def _mac(random_part, secret=None):
    return salted_hmac(SALT, random_part, secret=secret).hexdigest()[:MAC_CHARS]


def signed_key():
    random_part = get_random_string(RANDOM_CHARS, VALID_KEY_CHARS)
    return random_part + _mac(random_part)


def made_here(key):
    """Whether `key` is a session key one of our engines made (under the
    current SECRET_KEY or one of its fallbacks). No look-up."""
    if not key or len(key) != RANDOM_CHARS + MAC_CHARS:
        return False
    random_part, mac = key[:RANDOM_CHARS], key[RANDOM_CHARS:]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(mac, _mac(random_part, secret)) for secret in secrets)


class SignedKeys:
    """Mixin for a SessionStore: new keys carry their signature."""

    def _get_new_session_key(self):
        while True:
            key = signed_key()
            if not self.exists(key):
                return key
