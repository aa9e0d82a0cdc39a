"""The layers hold by name too, not only by import.

import-linter (`make lint`) checks imports. This test checks what imports
cannot show: an app naming a model, a template or a template tag library of
an app that is not below it. Each app's files are read as text; the owner of a
template or tag library is the app whose folder holds it.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each app and the apps it may use (itself and everything below it). `site`
# holds the base templates every app extends: it sits with the core.
BELOW = {
    "home": {"site"},
    "site": {"home"},
    "kennisbank": {"home", "site"},
    "events": {"home", "site"},
    "registration": {"events", "home", "site"},
    "festival": {"registration", "events", "home", "site"},
    "partners": {"festival", "registration", "events", "kennisbank", "home", "site"},
    "federation": {"partners", "festival", "registration", "events", "kennisbank", "home", "site"},
    "demo": {
        "federation",
        "partners",
        "festival",
        "registration",
        "events",
        "kennisbank",
        "home",
        "site",
    },
}
APPS = [app for app in BELOW if app != "site"]

MODEL_LABEL = re.compile(r"""["'](?P<app>[a-z_]+)\.(?P<model>[A-Z]\w*)["']""")
GET_MODEL = re.compile(r"""get_model\(\s*["'](?P<app>[a-z_]+)["']""")
TEMPLATE_NAME = re.compile(r"""["'](?P<name>[\w./-]+\.(?:html|txt|xml))["']""")
LOAD_TAGS = re.compile(r"{%\s*load\s+(?P<libraries>[\w\s]+?)\s*%}")


def source_files(app):
    folder = ROOT / app
    for path in folder.rglob("*"):
        if "migrations" in path.parts or "__pycache__" in path.parts:
            continue
        if path.suffix in {".py", ".html", ".txt", ".xml"}:
            yield path


def template_owners():
    owners = {}
    for app in BELOW:
        folder = ROOT / app / "templates" if app != "site" else ROOT / "site" / "templates"
        for path in folder.rglob("*"):
            if path.is_file():
                owners.setdefault(str(path.relative_to(folder)), set()).add(app)
    return owners


def library_owners():
    return {
        path.stem: app
        for app in APPS
        for path in (ROOT / app / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def references(app):
    """(file, what, owner app) for every name in `app` that belongs to an app."""
    templates, libraries = template_owners(), library_owners()
    for path in source_files(app):
        text = path.read_text(encoding="utf-8")
        where = str(path.relative_to(ROOT))
        for match in MODEL_LABEL.finditer(text):
            if match["app"] in BELOW:
                yield where, f"{match['app']}.{match['model']}", {match["app"]}
        for match in GET_MODEL.finditer(text):
            if match["app"] in BELOW:
                yield where, f"get_model({match['app']!r})", {match["app"]}
        for match in TEMPLATE_NAME.finditer(text):
            if match["name"] in templates:
                yield where, match["name"], templates[match["name"]]
        for match in LOAD_TAGS.finditer(text):
            for library in match["libraries"].split():
                if library in libraries:
                    yield where, f"{{% load {library} %}}", {libraries[library]}


@pytest.mark.parametrize("app", [*APPS, "site"])
def test_an_app_names_only_what_lies_below_it(app):
    allowed = BELOW[app] | {app}
    wrong = sorted(
        f"{where}: {what} belongs to {', '.join(sorted(owners))}"
        for where, what, owners in references(app)
        if not owners & allowed
    )
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_a_reference_upwards(tmp_path, monkeypatch):
    """The scan finds a model label, a template and a tag library of a higher app."""
    fake = tmp_path / "home"
    fake.mkdir()
    (fake / "bad.html").write_text('{% load festival_tags %}{% include "festival/nav.html" %}')
    (fake / "bad.py").write_text('parent_page_types = ["events.EventPage"]')
    for app in ("events", "festival"):
        (tmp_path / app / "templates" / app).mkdir(parents=True)
        (tmp_path / app / "templatetags").mkdir()
    (tmp_path / "festival" / "templates" / "festival" / "nav.html").write_text("")
    (tmp_path / "festival" / "templatetags" / "festival_tags.py").write_text("")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    found = {what for _where, what, _owners in references("home")}
    assert found == {"events.EventPage", "festival/nav.html", "{% load festival_tags %}"}
