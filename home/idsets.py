"""A set of ids read once and handed to later queries as one parameter.

`pk__in=[...]` writes one placeholder per id: at thousands of ids, binding
them cost more than the queries themselves (psycopg splits the statement at
every placeholder), and SQLite caps their number. Two ways to hand them on as
a single parameter instead — an array on PostgreSQL, a JSON list on SQLite:

- `field__in_ids=ids`, a lookup (`InIds`, registered on every field and
  foreign key by `HomeConfig.ready`): `field = ANY(array)` on PostgreSQL,
  which the planner sizes from the array (as a subquery it guessed 200 rows
  and looked each id up one by one: 30–40 % slower for a facet count over
  4,500 ids);
- `field__in=id_set(ids)`, a subquery, where a queryset needs one.
"""

import json

from django.db import connection
from django.db.models import Lookup
from django.db.models.expressions import RawSQL


def _as_integers(ids):
    return [int(i) for i in ids]


def _array(ids):
    """The ids as PostgreSQL's text of an array: psycopg writes a list of
    thousands item by item."""
    return "{" + ",".join(map(str, ids)) + "}"


def id_set(ids):
    """`ids` (integers) as a subquery for `field__in=`; an empty list when
    there are none (Django then runs no query at all)."""
    ids = _as_integers(ids)
    if not ids:
        return []
    # noqa reasons: fixed statements; the ids are one parameter.
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [_array(ids)])  # noqa: S611
    if connection.vendor == "sqlite":
        return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])  # noqa: S611
    return ids


class InIds(Lookup):
    """`field__in_ids=[1, 2, 3]`: the field is one of these integers."""

    lookup_name = "in_ids"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = _as_integers(self.rhs)
        # noqa reasons: `lhs` is the column Django compiled; the ids are a parameter.
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*params, _array(ids)]
        if connection.vendor == "sqlite":
            sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
            return sql, [*params, json.dumps(ids)]
        if not ids:
            return "1 = 0", params
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*params, *ids]
