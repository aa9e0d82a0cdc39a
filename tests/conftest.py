"""Fixtures shared by the whole suite: locales and a trilingual page tree.

The tree (`demo.factories.site_tree`: home, about, privacy, knowledge base,
directory and calendar in nl/de/en) is built once per test database, right
after it is created, so each test only adds its own pages inside its own
rolled-back transaction. Fixtures hand out fresh copies from the database,
never objects an earlier test may have changed.
"""

import contextlib
import shutil

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import TestCase, override_settings
from wagtail.models import Locale, Page

from demo import factories
from tests.support import RedisServer, build_demo_site, migrated_template, port_answers

SHARED = {}  # name -> (model, pk) of the shared tree in this worker's database


def _build_shared_tree():
    built = factories.site_tree()
    SHARED.clear()
    SHARED.update({name: (type(obj), obj.pk) for name, obj in built.items()})


@pytest.fixture(autouse=True)
def _no_stored_files():
    """Files kept for repeat requests (`home.conditional`) belong to one
    test's data: a test whose data happens to look the same (a frozen clock,
    the same address) must not be answered with another test's file."""
    from django.core.cache import cache

    cache.delete_many(_stored_keys(cache))
    yield


@pytest.fixture(autouse=True)
def _new_cache_generation():
    """Each test starts a page-cache generation of its own: values kept per
    generation (the restricted paths, the menu) were read from an earlier
    test's rows, which its rollback removed without any signal."""
    from django.core.cache import cache

    from home.cache import GENERATION_KEY

    cache.delete(GENERATION_KEY)
    yield


def _stored_keys(cache):
    # Process memory in tests (LocMemCache): its keys can be listed.
    store = getattr(cache, "_cache", {})
    return [k.split(":", 2)[-1] for k in list(store) if ":conditional-body:" in k]


def _on_sqlite():
    return settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


@pytest.fixture(autouse=True)
def _reference_index(request):
    """Wagtail keeps a reference index (the admin's "usage" of an image, a
    snippet or a page) up to date after every save: an eighth of the suite's
    time, for a feature a few tests look at. Those are marked
    `reference_index`; in the others saves skip it, as during a data import."""
    if request.node.get_closest_marker("reference_index"):
        yield
        return
    from wagtail.signal_handlers import disable_reference_index_auto_update

    with disable_reference_index_auto_update():
        yield


class _NotIndexed:
    """Stands in for the search index's task in tests that do not search."""

    @staticmethod
    def enqueue(*args, **kwargs):
        return None


@pytest.fixture(autouse=True)
def _search_index(request, monkeypatch):
    """The search index is brought up to date after every save of a page or
    snippet: a tenth of the suite's time, used only by the tests that search.
    Those are marked `search_index` (or build their data outside the test, in
    the shared tree and once-per-module fixtures, which index as usual); in the
    others saves leave the index alone."""
    if request.node.get_closest_marker("search_index"):
        return
    from modelsearch import signal_handlers

    from home import search_names

    monkeypatch.setattr(signal_handlers, "insert_or_update_object_task", _NotIndexed)
    monkeypatch.setattr(search_names, "index_pages", _NotIndexed)


@pytest.fixture(scope="session")
def worker_id(request):
    """xdist's worker name, "master" without workers (also with `-p no:xdist`)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


@pytest.fixture(scope="session")
def django_db_keepdb(request):
    """On SQLite the test database is a prepared copy (below): keep it as it is."""
    return request.config.getvalue("reuse_db") or _on_sqlite()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, tmp_path_factory, worker_id
):
    """On SQLite, each worker's test database starts as a copy of one database
    migrated once per run (tests.support), so `migrate` finds nothing to do."""
    if not _on_sqlite():
        return
    base = tmp_path_factory.getbasetemp()
    template = migrated_template(base if worker_id == "master" else base.parent)
    name = base / f"test-{worker_id}.sqlite3"
    shutil.copyfile(template, name)
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(name)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, plus the shared tree (committed once)."""
    with django_db_blocker.unblock():
        _build_shared_tree()
        # Tests with serialized_rollback restore the database as it is now. Not
        # wagtail-localize's rows: its signals read related rows not yet restored.
        if hasattr(connection, "_test_serialized_contents"):
            with override_settings(TEST_NON_SERIALIZED_APPS=["wagtail_localize"]):
                serialized = connection.creation.serialize_db_to_string()
            connection._test_serialized_contents = serialized


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, worker_id):
    """The demo site's folder, built once per run by `load_demo` (tests.support)."""
    base = tmp_path_factory.getbasetemp()
    return build_demo_site(base if worker_id == "master" else base.parent)


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need the server and PostgreSQL settings; skip them otherwise."""
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if on_postgres and port_answers(5432):
        return
    skip = pytest.mark.skip(reason="needs DATABASE_URL pointing at a running PostgreSQL")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def locales(db):
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def shared_tree_objects():
    """{name: fresh object} of the shared tree. A transactional test empties the
    database when it ends; a later test that needs the tree then rebuilds it."""
    model, pk = SHARED["home"]
    if not model.objects.filter(pk=pk).exists():
        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root")
        with TestCase.captureOnCommitCallbacks(execute=True):
            _build_shared_tree()
    return {name: model.objects.get(pk=pk) for name, (model, pk) in SHARED.items()}


@contextlib.contextmanager
def built_once(django_db_blocker):
    """For class- and module-scoped fixtures: data built in here stays for the
    tests that use it (each runs in its own savepoint inside this transaction)
    and is rolled back after the last one. Hand tests fresh copies (by pk), not
    the objects built here: a test may change what it is given."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def on_commit_now(function, *args, **kwargs):
    """Run `function` and the on-commit callbacks it queues (wagtail-localize
    publishes translations on commit) without committing."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def fresh(built):
    """The objects of a `{name: (model, pk)}` (nested dicts too), fresh from the database."""
    if isinstance(built, dict):
        return {name: fresh(value) for name, value in built.items()}
    model, pk = built
    return model.objects.get(pk=pk)


def pks(built):
    """`{name: object}` (nested dicts too) as `{name: (model, pk)}` for `fresh`."""
    if isinstance(built, dict):
        return {name: pks(value) for name, value in built.items()}
    return (type(built), built.pk)


@pytest.fixture
def shared_tree(locales):
    """{name: fresh object} of the shared tree."""
    return shared_tree_objects()


@pytest.fixture
def site_tree(shared_tree, locales):
    """The shared tree, with the German versions of home, about and privacy.

    Home and about are translated through wagtail-localize; the privacy page
    is not, so de/en have it only as an alias.
    """
    tree = dict(shared_tree)
    for name in ("home", "about", "privacy"):
        tree[f"{name}_de"] = tree[name].get_translation(locales["de"])
    return tree


@pytest.fixture(scope="module")
def redis_server():
    """A redis-server of the test's own (tests that use it skip without the binary)."""
    if not shutil.which("redis-server"):
        pytest.skip("needs redis-server")
    server = RedisServer()
    server.start()
    yield server
    server.stop()
