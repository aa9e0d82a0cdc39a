"""The admin door: repeated wrong passwords lock one account from one address
(django-axes), with a translated page and an unlock command; redirect targets
in our admin views stay on the site."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.66"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("ed", "ed@example.org", "juist-wachtwoord")


def login(client, password, address=ATTACKER):
    return client.post(
        "/admin/login/",
        {"username": "ed", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="nl",
    )


def test_wrong_passwords_lock_the_account_from_that_address_until_an_administrator_unlocks(
    client, editor, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "fout").status_code == 200  # the form again, with an error
    locked = login(client, "fout")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    # Even the right password is refused from that address now ...
    assert login(client, "juist-wachtwoord").status_code == 429
    # ... but the editor can still log in from elsewhere.
    assert login(client, "juist-wachtwoord", address="198.51.100.7").status_code == 302
    client.logout()
    call_command("axes_reset_username", "ed", verbosity=0)
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
