"""Fresh planner statistics after bulk changes.

Both databases choose their query plans from table statistics that they do
not keep current by themselves after a bulk load: SQLite has none until
ANALYZE runs (then, for "dates after now, ordered by start", it takes the index
on the end time and sorts every future date: 0.4 s at 100,000 dates instead of
0.07), and PostgreSQL plans for the table sizes it last saw until autovacuum
catches up (joins sized for 300 rows instead of 100,000). The bulk loaders and
the daily date generation call `refresh_statistics` for the tables they filled.

SQLite analyses the whole file, not only those tables (80 ms at 10,000 events):
a table without statistics counts as a large one, so after ANALYZE of the
pages alone, SQLite read every page to find the one site (1 ms a request).
"""

from django.db import connection


def refresh_statistics(*models):
    """ANALYZE the tables of `models` (on SQLite: every table), a fraction of a
    second at 100,000 rows."""
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
