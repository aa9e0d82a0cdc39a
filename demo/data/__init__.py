"""The demo's content as data: texts, translations and specs, one module per
loader (`core`, `taxonomy`, `kennisbank` with `articles` and `organisations`,
`events`, `festival`, `partners`). The loaders in `demo/*.py` turn them into
pages and snippets.

Plain Python modules holding only literals (dicts, lists, tuples, strings,
numbers, `date` and `Decimal`), not JSON or YAML: the translations are keyed by
the Dutch text, which Python lets a module name once and reuse
(`HOME_NL["intro"]`); dates and amounts keep their types; comments explain
the facts; ruff formats and checks them; and no parser is needed. Choices are
given by their stored values ("province", "cancel", "online"), so no data
module imports a model. Nothing here runs queries or has side effects.
"""
