"""Django's database sessions, with keys signed by this site (home/sessions)."""

from django.contrib.sessions.backends import db

from home.sessions import SignedKeys


class SessionStore(SignedKeys, db.SessionStore):
    pass
