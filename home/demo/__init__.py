"""Demo content for `manage.py load_demo`.

Every app may have a `demo` module (or package) with functions decorated by
`@demo_loader(order)`; `run_loaders()` imports them all and runs them in order.
Every loader is idempotent: it looks things up before it creates them, so a
second run changes nothing. Sentences are our own; facts come from the seed
documents.

The core's loaders: `core` (locales, home pages, site settings, admin user) and
`taxonomy` (themes, regions, venues shared by the knowledge base and events).
"""

from home.demo.registry import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    DemoContext,
    demo_image,
    demo_loader,
    get_or_create_child,
    run_loaders,
    translate,
)

__all__ = [
    "ADMIN_PASSWORD",
    "ADMIN_USERNAME",
    "DemoContext",
    "demo_image",
    "demo_loader",
    "get_or_create_child",
    "run_loaders",
    "translate",
]

from home.demo import core, taxonomy  # noqa: E402, F401  (registers the core's loaders)
