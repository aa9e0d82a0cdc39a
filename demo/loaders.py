"""Every demo loader, imported once so that they register (see `demo.registry`)."""

from demo import core, events, festival, kennisbank, partners, taxonomy  # noqa: F401
