"""The demo loads, and a second run changes nothing. The only test that runs
the demo: everything else builds its own data (demo.factories)."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_demo_loads_a_trilingual_site_and_a_second_run_changes_nothing(client):
    call_command("load_demo", verbosity=0)
    first = row_counts()
    assert Page.find_problems() == ([], [], [], [], [])
    for prefix in ("nl", "de", "en"):
        assert client.get(f"/{prefix}/").status_code == 200
    assert first["home.HomePage"] == 3
    assert first["auth.User"] == 1
    call_command("load_demo", verbosity=0)
    assert row_counts() == first
