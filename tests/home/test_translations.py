"""Every UI string is translated into nl, de and en."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["nl", "de", "en"]


def po_file(code):
    return polib.pofile(str(ROOT / "locales" / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_entry_is_untranslated_or_fuzzy(code):
    po = po_file(code)
    assert len(po) > 50
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_survive_translation(code):
    for entry in po_file(code).translated_entries():
        for placeholder in ("%(", "{"):
            assert (
                entry.msgid.count(placeholder) == entry.msgstr.count(placeholder)
                or entry.msgid_plural
            ), entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (xgettext)")
def test_every_marked_string_is_in_the_po_files(tmp_path):
    """makemessages on a copy of the code finds no string the .po files lack."""
    apps = [path.parent.name for path in ROOT.glob("*/apps.py")]
    for name in ["config", *apps, "site", "manage.py"]:
        source = ROOT / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    (tmp_path / "locales" / "nl" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "nl", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
        },
    )
    extracted = {e.msgid for e in polib.pofile(str(tmp_path / "locales/nl/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in po_file("nl")}
    assert sorted(extracted - known) == []
