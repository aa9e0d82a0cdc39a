"""Every demo loader, imported once so that they register (see `demo.registry`)."""

from demo import (  # noqa: F401
    core,
    events,
    festival,
    home_sections,
    kennisbank,
    partners,
    taxonomy,
    travel,
)
