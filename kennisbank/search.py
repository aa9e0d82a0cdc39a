"""Full-text search inside the knowledge base: the one place that calls the
search backend, so the language handling can change here alone.

The backend (home/search_backend.py) stems with the active language's
configuration; the queryset passed in is already limited to one language's
tree, so a German search only ever finds German pages (and the Dutch text of
German aliases, which is what those pages show).

`ranked_article_ids` reads the ids of a queryset's matching articles in
relevance order in one query: a search that matches thousands of articles is
never ranked row by row. The facets (`kennisbank.facets`) read them once and
count and list with them.
"""

from home.search_backend import clean_query as clean_search_text
from home.search_backend import ranked_ids
from kennisbank.models import ArticlePage

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    return clean_search_text(raw, MAX_QUERY_LENGTH)


def ranked_article_ids(queryset, query):
    """Primary keys of the articles of `queryset` matching `query`, most
    relevant first (one query)."""
    query = clean_query(query)
    if not query:
        return []
    return ranked_ids(ArticlePage, query, queryset)
