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

Wagtail's `.search()` ranks a match with a subquery per matching object (on
SQLite a full-text query per row: seconds at 10,000 articles) and filters a
queryset by the list of matches. `ranked_ids` (below) asks the index table
itself, in one query: the ids of the objects matching every word, in relevance
order (the same order as Wagtail's, same score, same ties). The knowledge base
reads them once and filters and counts its facets with them in the database.
Words without a letter or digit are left out of a search.
"""

import functools
import re
import threading
import unicodedata
from collections import defaultdict

import Stemmer
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.translation import get_language
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks
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
        # Without PyStemmer's own cache of stemmed words (10,000 per stemmer
        # by default, here one per thread and language): it stems a word in
        # 0.30 µs instead of 0.36, and searches for ever new words would fill
        # it for good, a worker's memory growing by megabytes over days.
        cache[config] = Stemmer.Stemmer(config, 0)
    stem = cache[config].stemWord
    return WORD.sub(lambda match: stem(match.group().lower()), text)


def ranked_ids(model, text, within):
    """The primary keys of the objects of `within` (a queryset of `model`) that
    match every word of `text`, most relevant first, in one query. The order is
    Wagtail's `.search(order_by_relevance=True)`: its score, ties newest id first."""
    return get_search_backend().ranked_ids(model, text, within)


def _query_terms(text):
    """The words of a search as Wagtail's backends split them (at white space),
    leaving out those without a letter or digit: they match nothing on SQLite
    and PostgreSQL ignores them ("dorp -" finds what "dorp" finds)."""
    return [term for term in text.split() if WORD.search(term)]


def _sql_of(queryset):
    """The SQL of a queryset's primary keys, or None when it is empty by construction."""
    try:
        return queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return None


class _GenericRanking:
    """Through Wagtail's search (any other backend): correct, not fast."""

    def ranked_ids(self, model, text, within):
        found = within.search(text, operator="and", order_by_relevance=True)
        return [obj.pk for obj in found]


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

    fts_table = sqlite.SQLiteFTSIndexEntry._meta.db_table
    entry_table = sqlite.IndexEntry._meta.db_table

    class StemmingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        query_compiler_class = StemmingQueryCompiler
        index_class = StemmingIndex

        def __init__(self, params):
            super().__init__(params)
            self.default_config = params.get("SEARCH_CONFIG") or "simple"

        def _match(self, model, text):
            """The FTS5 query for `text` (each word a quoted string, all of them
            in the title or body columns, as Wagtail writes it) and the SQL
            that finds the entries of `model`; None when no word is left."""
            if issubclass(model, TranslatableMixin):
                text = stem_text(text, config_for_language(get_language(), "simple"))
            terms = _query_terms(text)
            if not terms:
                return None
            quoted = " AND ".join('"{}"'.format(term.replace('"', '""')) for term in terms)
            types = get_descendants_content_types_pks(model)
            # CROSS JOIN: SQLite then always reads the full-text matches first
            # and looks their entries up. Left to choose (without statistics,
            # after an import), it read every entry of the type and asked the
            # full-text index about each: seconds at 10,000 articles.
            sql = (
                f"FROM {fts_table} CROSS JOIN {entry_table} e ON e.id = {fts_table}.rowid "
                f"WHERE {fts_table} MATCH %s "
                f"AND e.content_type_id IN ({', '.join(['%s'] * len(types))})"
            )
            return sql, [f"{{title body}} : ({quoted})", *types]

        def ranked_ids(self, model, text, within):
            match, inner = self._match(model, text), _sql_of(within)
            if match is None or inner is None:
                return []
            sql, params = match
            inner_sql, inner_params = inner
            # Wagtail's score (the bm25 of title and body, the title's part
            # weighted by how short the title is), written the same way.
            score = f"bm25({fts_table}) * e.title_norm + bm25({fts_table}) * 1.0"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT CAST(e.object_id AS INTEGER) {sql} "
                    f"AND CAST(e.object_id AS INTEGER) IN ({inner_sql}) "
                    f"ORDER BY {score}, CAST(e.object_id AS INTEGER) DESC",
                    [*params, *inner_params],
                )
                return list(dict.fromkeys(row[0] for row in cursor.fetchall()))

    return StemmingSQLiteSearchBackend


@functools.cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchRank, SearchVectorField
    from django.db.models import BigIntegerField, F, Q
    from django.db.models.expressions import CombinedExpression
    from django.db.models.functions import Cast
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

        def _entries(self, model, text):
            """The index entries of `model` matching every word of `text`, with
            the query (None when no word is left). The words are Wagtail's
            lexemes in the active language's configuration. Title and body
            each have a GIN index, their concatenation has none: the entries
            are found through "any word in the title or in the body" (both
            indexes) and then held to "every word in title and body together",
            Wagtail's condition."""
            if not _query_terms(text):
                return None, None
            compiler = MultilingualQueryCompiler(model.objects.none(), PlainText(text))
            config = compiler.get_config(self)
            every = compiler.build_tsquery(PlainText(text, operator="and"), config=config)
            some = compiler.build_tsquery(PlainText(text, operator="or"), config=config)
            entries = (
                postgres.IndexEntry.objects.filter(
                    content_type_id__in=get_descendants_content_types_pks(model)
                )
                .filter(Q(title=some) | Q(body=some))
                .annotate(object_pk=Cast("object_id", BigIntegerField()))
            )
            if not WORD.fullmatch(text.strip()):
                # One word is in title or body exactly when it is in the two
                # together; several words, or a word PostgreSQL reads as a
                # phrase, need the two together (the check costs a
                # concatenation of both per row).
                entries = entries.annotate(
                    _vector_=CombinedExpression(
                        F("title"), "||", F("body"), output_field=SearchVectorField()
                    )
                ).filter(_vector_=every)
            return entries, (every, compiler.sql_weights)

        def ranked_ids(self, model, text, within):
            entries, query = self._entries(model, text)
            if entries is None:
                return []
            every, weights = query
            # Wagtail's rank: title (weighted by how short it is) plus body.
            rank = (
                SearchRank(F("title"), every, weights=weights) * F("title_norm")
                + SearchRank(F("body"), every, weights=weights) * 1.0
            )
            ids = (
                entries.filter(object_pk__in=within.order_by().values("pk"))
                .order_by(rank.desc(), F("object_pk").desc())
                .values_list("object_pk", flat=True)
            )
            return list(dict.fromkeys(ids))

    return MultilingualPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend_class()(params)
    backend = DatabaseSearchBackend(params)
    backend.ranked_ids = _GenericRanking().ranked_ids
    return backend
