"""The directory as Open Referral HSDS 3.0: every object validates against the
specification's own (compiled) schemas, kept in hsds_schema/ with their licence."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.opendata.conftest import CHECK_EMAIL, PERSON_NAME

SCHEMAS = Path(__file__).parent / "hsds_schema"


def validator(name):
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(name, data):
    errors = sorted(validator(name).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def assert_page(data):
    for key in (
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
    ):
        assert key in data
    assert isinstance(data["contents"], list)


@pytest.mark.django_db
def test_every_organisation_and_service_validates(
    client, directory_data, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        answer = client.get("/open-data/hsds/organizations/")
    assert answer.status_code == 200
    data = answer.json()
    assert_page(data)
    assert data["total_items"] == 2
    for organisation in data["contents"]:
        assert_valid("organization", organisation)
        assert_valid("organization_list", organisation)
        one = client.get(f"/open-data/hsds/organizations/{organisation['id']}/").json()
        assert_valid("organization", one)
        for service in one["services"]:
            assert_valid("service_list", service)
            full = client.get(f"/open-data/hsds/services/{service['id']}/").json()
            assert_valid("service", full)
            assert full["organization"]["id"] == organisation["id"]

    services = client.get("/open-data/hsds/services/").json()
    assert_page(services)
    # Money and advice for the fund, knowledge and network for the network.
    assert services["total_items"] == 4
    for service in services["contents"]:
        assert_valid("service_list", service)


@pytest.mark.django_db
def test_services_say_what_is_offered_where_and_in_which_language(client, directory_data):
    fonds = directory_data["fonds"]
    data = client.get(
        "/open-data/hsds/services/", {"organization_id": str(fonds.translation_key)}
    ).json()
    offers = {
        attribute["value"]
        for service in data["contents"]
        for attribute in service["attributes"]
        if attribute["link_type"] == "offer"
    }
    assert offers == {"money", "advice"}
    service = data["contents"][0]
    assert [area["name"] for area in service["service_areas"]] == ["Drenthe"]
    assert [language["code"] for language in service["languages"]] == ["nl"]
    themes = [a["value"] for a in service["attributes"] if a["link_type"] == "theme"]
    assert themes == ["financiering"]


@pytest.mark.django_db
def test_ids_are_stable_and_texts_follow_the_language(client, directory_data):
    nl = client.get("/open-data/hsds/organizations/").json()["contents"]
    de = client.get("/open-data/hsds/organizations/", {"lang": "de"}).json()["contents"]
    assert [o["id"] for o in nl] == [o["id"] for o in de]
    by_id = {o["id"]: o for o in de}
    fonds = by_id[str(directory_data["fonds"].translation_key)]
    assert fonds["description"] == "Geld für Dörfer."
    money = client.get("/open-data/hsds/services/", {"lang": "de", "per_page": 1}).json()
    assert money["size"] == 1 and money["total_pages"] == 4 and not money["last_page"]


@pytest.mark.django_db
def test_only_organisation_contacts_are_published(client, directory_data):
    body = b"".join(
        client.get(url).content
        for url in ("/open-data/hsds/organizations/", "/open-data/hsds/services/")
    )
    assert b"info@dorpsfonds.example.nl" in body  # the organisation's own address
    assert CHECK_EMAIL.encode() not in body
    assert PERSON_NAME.encode() not in body
    for organisation in json.loads(client.get("/open-data/hsds/organizations/").content)[
        "contents"
    ]:
        assert organisation["contacts"] == []


@pytest.mark.django_db
def test_unknown_ids_are_404_in_json(client, directory_data):
    answer = client.get("/open-data/hsds/organizations/00000000-0000-0000-0000-000000000000/")
    assert answer.status_code == 404
    assert "detail" in answer.json()
    assert client.get("/open-data/hsds/services/?page=99").status_code == 404
