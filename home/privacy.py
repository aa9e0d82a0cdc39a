"""Personal data by e-mail address, across every app that stores some.

Each app that keeps what a visitor typed in (registrations, travel offers,
subscriptions, submissions…) registers a `PersonalData` part with the hook
`home.hooks.PERSONAL_DATA`; the admin's privacy screen (export or erase one
address, GDPR access and erasure) runs them all, so a new app cannot be
forgotten there.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

from home.hooks import PERSONAL_DATA


@dataclass(frozen=True)
class PersonalData:
    """One app's part: `key` names its list in the export ("registrations");
    `export(email)` returns plain data; `erase(email, user)` erases (or
    anonymises) it, logs what it must, tells whoever must be told, and returns
    a sentence for the editor ("3 registrations were erased.") or "" when
    there was nothing."""

    key: str
    export: Callable[[str], list]
    erase: Callable[..., str]


def parts():
    return [fn() for fn in hooks.get_hooks(PERSONAL_DATA)]


def export_all(email):
    """{"email": …, key: [...] for every part}."""
    data = {"email": email}
    for part in parts():
        data[part.key] = part.export(email)
    return data


def erase_all(email, *, user=None):
    """Erase the address everywhere; the parts' sentences for the editor."""
    return [sentence for part in parts() if (sentence := part.erase(email, user=user))]
