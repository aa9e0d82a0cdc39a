"""Demo content for `manage.py load_demo`: development and tests only, never in
production's INSTALLED_APPS. It sits above every other app.

One module per app (`core`, `taxonomy`, `kennisbank`, `events`, `festival`,
`partners`) has functions decorated by `@demo_loader(order)`; `run_loaders()`
imports them all (`demo.loaders`) and runs them in order.
Every loader is idempotent: it looks things up before it creates them, so a
second run changes nothing. Sentences are our own; facts come from the seed
documents.

`core` makes the locales, home pages, site settings and the admin user;
`taxonomy` the themes, regions and venues shared by the knowledge base and events.
"""
