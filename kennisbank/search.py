"""Full-text search inside the knowledge base: the one place that calls the
search backend, so the language handling can change here alone.

The backend (home/search_backend.py) stems with the active language's
configuration on PostgreSQL; the queryset passed in is already limited to one
language's tree, so a German search only ever finds German pages (and the
Dutch text of German aliases, which is what those pages show).
"""

from home.search_backend import clean_query as clean_search_text

MAX_QUERY_LENGTH = 200


def clean_query(raw):
    return clean_search_text(raw, MAX_QUERY_LENGTH)


def search_article_ids(queryset, query):
    """Primary keys of the matching articles, most relevant first (one query)."""
    query = clean_query(query)
    if not query:
        return None
    results = queryset.only("pk").search(query, operator="and", order_by_relevance=True)
    return [article.pk for article in results]
