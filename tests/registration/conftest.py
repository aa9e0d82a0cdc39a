"""The event tests' fixtures (a calendar in the shared tree, `make_event`), for
the registration tests that live here."""

from tests.events.conftest import (  # noqa: F401 - fixtures
    calendar,
    make_event,
    translate_page,
    venue,
)
