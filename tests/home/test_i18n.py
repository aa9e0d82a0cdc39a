"""The core's language rules (`home.i18n`), on data built here."""

import pytest
from django.utils import translation

from home.i18n import active_locale, localized, localized_queryset, source_version
from home.models import HomePage, Theme


def _theme(locale, name, source=None, slug="klimaat"):
    theme = Theme(name=name, slug=slug, locale=locale)
    if source is not None:
        theme.translation_key = source.translation_key
    theme.save()
    return theme


@pytest.fixture
def themes(locales):
    """One theme in Dutch, German and English; one in Dutch and German; one in German only."""
    all_three = _theme(locales["nl"], "Klimaat")
    _theme(locales["de"], "Klima", all_three)
    _theme(locales["en"], "Climate", all_three)
    dutch_german = _theme(locales["nl"], "Buurt", slug="buurt")
    _theme(locales["de"], "Nachbarschaft", dutch_german, slug="buurt")
    german_only = Theme.objects.create(name="Dorfladen", slug="dorfladen", locale=locales["de"])
    return {"all_three": all_three, "dutch_german": dutch_german, "german_only": german_only}


def _names(found):
    return sorted(theme.name for theme in found.values())


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["Buurt", "Dorfladen", "Klimaat"]),
        ("de", ["Dorfladen", "Klima", "Nachbarschaft"]),
        # No English version: the default language (Dutch), else the only one.
        ("en", ["Buurt", "Climate", "Dorfladen"]),
    ],
)
def test_every_object_in_the_readers_language_with_one_fallback(themes, language, expected):
    with translation.override(language):
        assert _names(localized(Theme)) == expected


@pytest.mark.parametrize("language", ["nl", "de", "en"])
def test_the_queryset_form_keeps_the_same_fallback_in_one_query(
    themes, language, django_assert_num_queries
):
    with translation.override(language):
        queryset = localized_queryset(Theme)
        with django_assert_num_queries(1):
            names = sorted(queryset.values_list("name", flat=True))
        assert names == _names(localized(Theme))


def test_given_objects_fall_back_to_the_default_language_then_to_themselves(themes, locales):
    german = Theme.objects.get(name="Nachbarschaft")
    given = [german, themes["german_only"]]
    with translation.override("en"):
        found = localized(Theme, given, locale=locales["en"])
    assert found[german.translation_key].name == "Buurt"
    assert found[themes["german_only"].translation_key] is themes["german_only"]


def test_keys_a_queryset_and_objects_give_the_same_answer(themes, locales):
    sources = Theme.objects.filter(locale=locales["nl"])
    by_objects = localized(Theme, list(sources), locale=locales["de"])
    by_keys = localized(Theme, [t.translation_key for t in sources], locale="de")
    by_query = localized(Theme, sources, locale=locales["de"])
    assert _names(by_objects) == _names(by_keys) == _names(by_query) == ["Klima", "Nachbarschaft"]


def test_one_query_however_many_objects_and_none_when_all_are_in_the_language(
    themes, locales, django_assert_num_queries
):
    german = list(Theme.objects.filter(locale=locales["de"]))
    with django_assert_num_queries(1):
        localized(Theme, german, locale=locales["nl"])
    with django_assert_num_queries(0):
        found = localized(Theme, german, locale=locales["de"])
    assert {t.pk for t in found.values()} == {t.pk for t in german}


def test_active_locale_follows_the_language_and_is_asked_once_per_request(
    locales, rf, django_assert_num_queries
):
    request = rf.get("/")
    with translation.override("de"):
        assert active_locale(request) == locales["de"]
        with django_assert_num_queries(0):
            assert active_locale(request) == locales["de"]
    with translation.override("en"):
        assert active_locale(request) == locales["en"]


def test_the_source_is_the_first_real_version(site_tree, locales):
    home = site_tree["home"]
    german = site_tree["home_de"]
    privacy_en = site_tree["privacy"].get_translation(locales["en"])
    assert privacy_en.alias_of_id
    assert source_version(german).pk == home.pk
    assert source_version(home) is home
    assert source_version(privacy_en).pk == site_tree["privacy"].pk
    versions = HomePage.objects.filter(translation_key=home.translation_key)
    assert source_version(german, versions=versions).pk == home.pk
