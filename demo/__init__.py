"""Demo content for `manage.py load_demo`: development and tests only, never in
production's INSTALLED_APPS. It sits above every other app.

The content itself is data in `demo/data/` (texts, translations, specs). One
loader module per app (`core`, `taxonomy`, `kennisbank`, `events`, `festival`,
`partners`) turns it into pages and snippets with functions decorated by
`@demo_loader(order)`; `run_loaders()` imports them all (`demo.loaders`), runs
them in order and reports each step's time. Saving goes through the same code
paths as an editor (wagtail-localize translations, aliases for what stays
untranslated); only the reference and search index updates are held back and
done once per object at the end.
Every loader is idempotent: it looks things up before it creates them, so a
second run changes nothing. Sentences are our own; facts come from the seed
documents.

`core` makes the locales, home pages, site settings and the admin user;
`taxonomy` the themes, regions and venues shared by the knowledge base and events.
"""
