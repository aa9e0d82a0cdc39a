"""Wagtail's database search backend, stemming each language's words.

PostgreSQL's full-text search stems words with a text-search configuration
("dutch", "german", "english"). Wagtail's backend uses one configuration for
everything; this one indexes each translatable object with the configuration
of its own language and searches translatable models with the configuration of
the active language, so a German search for "Dörfer" finds "Dorf" and a Dutch
search for "dorpen" finds "dorp". Objects without a language (images,
documents) use SEARCH_CONFIG ("simple" by default: no stemming).

SQLite's full-text index (FTS5) has no stemmer for these languages (its
"porter" tokenizer is English only, and Python's sqlite3 cannot add one), so on
SQLite the same Snowball stemmers that PostgreSQL uses (PyStemmer) run in
Python: the title and body an object writes to the index are its words' stems
in its language, and a search's words are stemmed in the active language before
they reach FTS5. Autocomplete stays unstemmed (it matches word beginnings).
After upgrading a SQLite database that was indexed without stems, run
`manage.py update_index` once.
"""

import functools
import re
import threading
import unicodedata
from collections import defaultdict

import Stemmer
from django.db import connection
from django.utils.translation import get_language
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.models import Locale, TranslatableMixin

SEARCH_CONFIGS = {"nl": "dutch", "de": "german", "en": "english"}


def clean_query(raw, max_length=200):
    """A visitor's search text as the backends can take it.

    Control characters (a NUL byte breaks SQLite's full-text syntax and
    PostgreSQL refuses it outright) become spaces, runs of white space one space,
    and the text is cut to `max_length`. Every search box goes through this.
    """
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in raw or "")
    return " ".join(text.split())[:max_length]


def config_for_language(code, default):
    return SEARCH_CONFIGS.get((code or "")[:2], default)


def config_for_object(obj, language_codes, default):
    """The configuration for an object's own language; `default` for objects without one."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return default
    return config_for_language(language_codes.get(locale_id), default)


WORD = re.compile(r"\w+")
_stemmers = threading.local()  # PyStemmer's stemmers are not thread-safe


def stem_text(text, config):
    """`text` with each word replaced by its stem in `config`'s language
    ("Ehrenamtliche Dörfer" -> "ehrenamt dorf"); punctuation stays, so FTS5
    still reads "Dorf-Café" as two words side by side. Unchanged for "simple"."""
    if not text or config not in SEARCH_CONFIGS.values():
        return text
    cache = _stemmers.__dict__
    if config not in cache:
        cache[config] = Stemmer.Stemmer(config)
    stem = cache[config].stemWord
    return WORD.sub(lambda match: stem(match.group().lower()), text)


@functools.cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.query import Phrase, PlainText

    class StemmingEntries(type(sqlite.IndexEntry._default_manager.all())):
        """The index's rows: title and body are written as stems in the language
        the index is writing (SQLiteIndex creates and updates rows only through
        `bulk_create` and `update` on this queryset)."""

        # Which language the index is writing now, per thread (set by StemmingIndex).
        writing = threading.local()

        def _config(self):
            return getattr(self.writing, "config", None)

        def bulk_create(self, objs, *args, **kwargs):
            for obj in objs:
                obj.title = stem_text(obj.title, self._config())
                obj.body = stem_text(obj.body, self._config())
            return super().bulk_create(objs, *args, **kwargs)

        def update(self, **kwargs):
            for field in ("title", "body"):
                if isinstance(kwargs.get(field), str):
                    kwargs[field] = stem_text(kwargs[field], self._config())
            return super().update(**kwargs)

    class StemmingIndex(sqlite.SQLiteIndex):
        def __init__(self, backend):
            super().__init__(backend)
            self.entries = StemmingEntries(model=sqlite.IndexEntry, using=self.entries.db)

        def add_items(self, model, objs):
            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                groups[config_for_object(obj, codes, self.backend.default_config)].append(obj)
            for config, group in groups.items():
                StemmingEntries.writing.config = config
                try:
                    super().add_items(model, group)
                finally:
                    StemmingEntries.writing.config = None

    class StemmingQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def build_search_query_content(self, query, config=None):
            if issubclass(self.queryset.model, TranslatableMixin):
                language = config_for_language(get_language(), "simple")
                if isinstance(query, PlainText):
                    query = PlainText(
                        stem_text(query.query_string, language),
                        operator=query.operator,
                        boost=query.boost,
                    )
                elif isinstance(query, Phrase):
                    query = Phrase(stem_text(query.query_string, language))
            return super().build_search_query_content(query, config=config)

    class StemmingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = StemmingQueryCompiler
        index_class = StemmingIndex

        def __init__(self, params):
            super().__init__(params)
            self.default_config = params.get("SEARCH_CONFIG") or "simple"

    return StemmingSQLiteSearchBackend


def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    class MultilingualQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def get_config(self, backend):
            if issubclass(self.queryset.model, TranslatableMixin):
                return config_for_language(get_language(), backend.default_config)
            return backend.default_config

    class MultilingualIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            # The indexer reads the backend's configuration: index each
            # language's objects with that language's configuration.
            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                groups[config_for_object(obj, codes, self.backend.default_config)].append(obj)
            for config, group in groups.items():
                self.backend.indexing_config.value = config
                try:
                    super().add_items(model, group)
                finally:
                    self.backend.indexing_config.value = None

    class MultilingualPostgresSearchBackend(postgres.PostgresSearchBackend):
        query_compiler_class = MultilingualQueryCompiler
        index_class = MultilingualIndex

        def __init__(self, params):
            self.indexing_config = threading.local()
            self.indexing_config.value = None
            super().__init__(params)
            self.default_config = params.get("SEARCH_CONFIG") or "simple"

        @property
        def config(self):
            return getattr(self.indexing_config, "value", None) or self.default_config

        @config.setter
        def config(self, value):
            # The parent's __init__ assigns SEARCH_CONFIG; default_config keeps it.
            pass

    return MultilingualPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend_class()(params)
    return DatabaseSearchBackend(params)
