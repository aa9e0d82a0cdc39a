"""Full-text search inside the knowledge base: the one place that calls the
search backend, so the language handling can change here alone.

The backend (home/search_backend.py) stems with the active language's
configuration; the queryset passed in is already limited to one language's
tree, so a German search only ever finds German pages (and the Dutch text of
German aliases, which is what those pages show).

`matching` is what the facet counts and the list filter by (a subquery of the
full-text index on SQLite, the matching ids read once on PostgreSQL), and
`ranked_article_ids` reads the filtered list's ids in relevance order in one
query: a search that matches thousands of articles is never ranked row by row.
"""

from home.search_backend import clean_query as clean_search_text
from home.search_backend import matches, ranked_ids
from kennisbank.models import ArticlePage

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    return clean_search_text(raw, MAX_QUERY_LENGTH)


def matching(query):
    """The articles matching every word of `query` (for `pk__in=`), or None
    when there is nothing to search for."""
    query = clean_query(query)
    if not query:
        return None
    return matches(ArticlePage, query)


def ranked_article_ids(queryset, query):
    """Primary keys of the articles of `queryset` matching `query`, most
    relevant first (one query)."""
    query = clean_query(query)
    if not query:
        return []
    return ranked_ids(ArticlePage, query, queryset)
