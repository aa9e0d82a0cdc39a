"""Ids handed to a query as one parameter (`home.idsets`)."""

import pytest
from wagtail.models import Locale, Page

pytestmark = pytest.mark.django_db


def test_in_ids_keeps_exactly_the_given_rows_with_one_parameter():
    pages = list(Page.objects.order_by("pk").values_list("pk", flat=True))
    chosen = pages[::2]
    queryset = Page.objects.filter(pk__in_ids=chosen).values_list("pk", flat=True)
    assert sorted(queryset) == chosen
    # One parameter, however many ids (`pk__in` would have one per id).
    _sql, params = queryset.query.sql_with_params()
    assert len(params) == 1
    _sql, params = Page.objects.filter(pk__in=chosen).query.sql_with_params()
    assert len(params) == len(chosen) > 1


def test_in_ids_works_through_a_foreign_key_and_with_no_ids():
    locale = Locale.objects.first()
    with_locale = set(Page.objects.filter(locale=locale).values_list("pk", flat=True))
    assert set(Page.objects.filter(locale__in_ids=[locale.pk]).values_list("pk", flat=True)) == (
        with_locale
    )
    assert not Page.objects.filter(pk__in_ids=[]).exists()
