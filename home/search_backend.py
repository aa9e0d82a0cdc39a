"""Wagtail's database search backend, with per-language stemming on PostgreSQL.

PostgreSQL's full-text search stems words with a text-search configuration
("dutch", "german", "english"). Wagtail's backend uses one configuration for
everything; this one indexes each translatable object with the configuration
of its own language and searches translatable models with the configuration of
the active language, so a German search for "Dörfer" finds "Dorf" and a Dutch
search for "dorpen" finds "dorp". Objects without a language (images,
documents) use SEARCH_CONFIG ("simple" by default: no stemming).

On SQLite and other databases this is Wagtail's own database backend.
"""

import threading
import unicodedata
from collections import defaultdict

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
    return DatabaseSearchBackend(params)
