"""The admin door: repeated wrong passwords lock the account (from every
address) and the address (for every account) with django-axes, with a
translated page and an unlock path; redirect targets in our admin views stay
on the site."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("ed", "ed@example.org", "juist-wachtwoord")


def login(client, password, address=ATTACKER, username="ed", language="nl"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_wrong_passwords_lock_the_account_until_an_administrator_unlocks(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "fout").status_code == 200  # the form again, with an error
    locked = login(client, "fout")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    # Even the right password is refused now, from that address and from others:
    # guessing from many addresses gets no further than from one.
    assert login(client, "juist-wachtwoord").status_code == 429
    assert login(client, "juist-wachtwoord", address="198.51.100.7").status_code == 429
    call_command("axes_reset_username", "ed", verbosity=0)
    assert login(client, "juist-wachtwoord", address="198.51.100.7").status_code == 302


def test_guessing_one_password_from_many_addresses_locks_the_account(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        login(client, f"fout-{n}", address=f"198.51.100.{n + 10}")
    answer = login(client, "juist-wachtwoord", address="192.0.2.1", language="de")
    assert answer.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in answer.content.decode()


def test_trying_many_accounts_from_one_address_locks_the_address(
    client, editor, settings, django_user_model
):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "welkom01", username=f"user{n}").status_code == 200
    assert login(client, "welkom01", username="user-last").status_code == 429
    # The real editor's right password from that address waits too ...
    answer = login(client, "juist-wachtwoord", language="en")
    assert answer.status_code == 429
    assert "Login locked for now" in answer.content.decode()
    # ... while the same account from another address logs in.
    assert login(client, "juist-wachtwoord", address="198.51.100.7").status_code == 302
    client.logout()
    call_command("axes_reset_ip", ATTACKER, verbosity=0)
    assert login(client, "juist-wachtwoord").status_code == 302


def test_a_registration_action_never_redirects_off_the_site(admin_client, make_event):
    from tests.registration.registration_support import registration_on

    event = make_event(title="Workshop", slug="workshop", registration_settings=registration_on())
    response = admin_client.post(
        f"/admin/registrations/{event.pk}/",
        {"action": "cancel", "next": "//evil.example/x", "query": "//evil.example/x"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/registrations/")
    assert "evil.example" not in response["Location"].split("?")[0]


def test_an_administrator_unlocks_an_account_in_the_admin(client, editor, settings, admin_user):
    from axes.models import AccessAttempt
    from django.test import Client

    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "fout")
    assert login(client, "juist-wachtwoord").status_code == 429
    administrator = Client()
    administrator.force_login(admin_user)
    listing = administrator.get("/admin/login-locks/", HTTP_ACCEPT_LANGUAGE="nl")
    assert listing.status_code == 200
    assert "ed" in listing.content.decode() and ATTACKER in listing.content.decode()
    for attempt in AccessAttempt.objects.filter(username="ed"):
        answer = administrator.post(f"/admin/login-locks/delete/{attempt.pk}/")
        assert answer.status_code == 302
    assert login(client, "juist-wachtwoord").status_code == 302


def test_editors_cannot_see_or_clear_the_locks(client, editor):
    from axes.models import AccessAttempt
    from django.contrib.auth.models import Permission

    login(client, "fout", username="someone")
    attempt = AccessAttempt.objects.get()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200  # an editor in the admin ...
    assert client.get("/admin/login-locks/").status_code in (302, 403)  # ... but not here
    client.post(f"/admin/login-locks/delete/{attempt.pk}/")
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
