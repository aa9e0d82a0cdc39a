"""Cancelling from the manage page asks once more (a second step that works
without JavaScript) and says exactly what happens to the place."""

import re

import pytest
from bs4 import BeautifulSoup

from registration import services
from registration.models import Registration
from tests.registration.registration_support import first_date, registration_on, sign_up

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def date(make_event, translate_page):
    event = make_event(
        title="Workshop dorpsvisie",
        slug="workshop",
        capacity=3,
        registration_settings=registration_on(max_places=3),
    )
    translate_page(event, "en", {"Workshop dorpsvisie": "Village vision", "workshop": "workshop"})
    return first_date(event)


def manage_link(registration):
    return f"/en/events/workshop/registration/{services.manage_token(registration)}/"


def page(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(soup):
    return re.sub(r"\s+", " ", soup.get_text(" "))


@pytest.mark.usefixtures("still_signing_clock")
def test_the_cancel_button_only_leads_to_a_confirmation(client, date):
    mine = sign_up(date, 1, language="en")
    first = page(client.get(manage_link(mine)))
    assert not first.select('input[name="action"][value="cancel"]')  # nothing cancels yet
    link = first.select_one(".registration__cancel a")
    assert link.get_text(strip=True) == "Cancel my registration"
    second = page(client.get(manage_link(mine) + link["href"].split("#")[0]))
    step = second.select_one("#cancel")
    assert step.h2.get_text(strip=True) == "Cancel your registration?"
    assert step.select_one('input[name="action"][value="cancel"]')
    keep = step.select_one("a.button")
    assert keep.get_text(strip=True) == "No, keep my registration"
    assert keep["href"] == manage_link(mine)
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CONFIRMED


def test_without_anyone_waiting_the_place_becomes_free(client, date):
    mine = sign_up(date, 1, places=2, language="en")
    step = text(page(client.get(manage_link(mine), {"step": "cancel"})).select_one("#cancel"))
    assert "Your 2 places become free, so others can register for them." in step
    assert "waiting list" not in step
    response = client.post(manage_link(mine), {"action": "cancel"})
    assert response["Location"].endswith("?done=cancelled")
    notice = text(page(client.get(response["Location"])).select_one(".notice"))
    assert "your place is free again for someone else" in notice
    assert "waiting list" not in notice


def test_with_people_waiting_the_place_goes_to_the_waiting_list(client, date):
    mine = sign_up(date, 1, places=3, language="en")
    waiting = sign_up(date, 2)
    assert waiting.status == Registration.Status.WAITING
    step = text(page(client.get(manage_link(mine), {"step": "cancel"})).select_one("#cancel"))
    assert "Your 3 places go to the waiting list" in step
    response = client.post(manage_link(mine), {"action": "cancel"})
    assert response["Location"].endswith("?done=cancelled-waiting")
    notice = text(page(client.get(response["Location"])).select_one(".notice"))
    assert "your place has gone to someone on the waiting list" in notice
    waiting.refresh_from_db()
    assert waiting.is_confirmed
    # Once cancelled, there is nothing left to confirm.
    soup = page(client.get(manage_link(mine), {"step": "cancel"}))
    assert soup.select_one("#cancel") is None and not soup.select(".registration__cancel")


def test_someone_waiting_is_asked_whether_to_leave_the_waiting_list(client, date):
    sign_up(date, 1, places=3)
    waiting = sign_up(date, 2, language="en")
    step = page(client.get(manage_link(waiting), {"step": "cancel"})).select_one("#cancel")
    assert step.h2.get_text(strip=True) == "Leave the waiting list?"
    assert "instead of you" in text(step)
    assert step.select_one("a.button").get_text(strip=True) == "No, stay on the waiting list"
