"""Django's cached_db sessions, with keys signed by this site (home/sessions)."""

from django.contrib.sessions.backends import cached_db

from home.sessions import SignedKeys


class SessionStore(SignedKeys, cached_db.SessionStore):
    pass
