"""Many live pages of one type below one parent, inserted in bulk (a data
import or a benchmark data set): no revisions, the tree's paths computed here.

Wagtail adds a child with `add_child` (a query for the tree and a save per
page); 10,000 pages that way take most of an hour. `bulk_add_pages` fills the
tree and publication fields of unsaved pages and writes them in batches of two
inserts each, as multi-table inheritance needs: the `Page` rows, then the rows
of the page type (Django's `bulk_create` refuses a model with parents)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.sql import InsertQuery
from wagtail.models import Page

BATCH = 500


def bulk_add_pages(parent, pages, now):
    """Insert `pages` (unsaved, of one page type, with title, slug and their
    own fields) as live children of `parent`, published at `now`, in its
    locale. Returns them, with their ids."""
    if not pages:
        return pages
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent.refresh_from_db()
    last = parent.get_last_child()
    position = int(last.path[-Page.steplen :], 36) if last is not None else 0
    for page in pages:
        position += 1
        page.draft_title = page.title
        page.path = Page._get_path(parent.path, parent.depth + 1, position)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
    for first in range(0, len(pages), BATCH):
        batch = pages[first : first + BATCH]
        bases = Page.objects.bulk_create([_page_row(page) for page in batch])
        for page, base in zip(batch, bases, strict=True):
            page.pk = page.page_ptr_id = page.id = base.pk
        query = InsertQuery(model)
        query.insert_values(model._meta.local_concrete_fields, batch)
        query.get_compiler(connection=connection).execute_sql()
    Page.objects.filter(pk=parent.pk).update(numchild=position)
    return pages


def _page_row(page):
    values = {f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields}
    values.pop("id", None)
    return Page(**values)
