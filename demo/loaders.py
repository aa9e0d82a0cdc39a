"""Every demo loader, imported once so that they register (see `demo.registry`)."""

from demo import (  # noqa: F401
    core,
    digests,
    events,
    festival,
    home_sections,
    kennisbank,
    partners,
    submissions,
    taxonomy,
    travel,
)
