"""A set of ids read once and handed to later queries as one parameter.

`pk__in=[...]` writes one placeholder per id: at thousands of ids, binding
them cost more than the queries themselves (psycopg splits the statement at
every placeholder), and SQLite caps their number. `id_set(ids)` is a subquery
of a single parameter instead — an array on PostgreSQL, a JSON list on
SQLite — for any `field__in=`.
"""

import json

from django.db import connection
from django.db.models.expressions import RawSQL


def id_set(ids):
    """`ids` (integers) as a subquery for `field__in=`; an empty list when
    there are none (Django then runs no query at all)."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    # noqa reasons: fixed statements; the ids are one parameter.
    if connection.vendor == "postgresql":
        # As the array's text: psycopg writes a list of thousands item by item.
        array = "{" + ",".join(map(str, ids)) + "}"
        return RawSQL("SELECT unnest(%s::bigint[])", [array])  # noqa: S611
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])  # noqa: S611
    return ids
