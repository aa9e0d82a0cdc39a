"""Our ActivityPub against an independent implementation: bovine (PyPI), run
as its own process on loopback (tests/federation/bovine_peer.py), talks to our
site served by a real server. Bovine signs its requests and verifies ours
with its own code; it finds our actor through WebFinger, follows it, gets our
`Accept`, then an event's `Create`, its German translation, its move and its
deletion. Skipped when pip cannot install bovine (no network on a first run)
and in the PostgreSQL run (the served site is on SQLite either way); CI's
SQLite run always runs it."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests import pypi
from tests.federation.served_site import INTRO, MOVED, TITLES
from tests.support import ROOT, free_port, migrated_template, port_answers, serve

PEER = Path(__file__).resolve().parent / "bovine_peer.py"
BOVINE = ["bovine>=0.5,<0.6"]
SETTINGS = "tests.federation.served_settings"


def _site_env(workdir, port):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_URL": "",
        "REDIS_URL": "",
    }


def _served_site(env, *args):
    """Run tests/federation/served_site.py against the served site's database."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.federation.served_site", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def _json(url, data):
    request = urllib.request.Request(  # noqa: S310 - loopback
        url, data=json.dumps(data).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        return json.loads(response.read())


class Bovine:
    """The running peer: its address, what it accepted, and its controls."""

    def __init__(self, base, record):
        self.base = base
        self.record = record

    @property
    def actor_id(self):
        return f"{self.base}/actor"

    def accepted(self, count=1, timeout=20):
        """Every line the peer recorded, once there are at least `count`."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.record.read_text().splitlines() if self.record.exists() else []
            if len(lines) >= count or time.monotonic() > deadline:
                return [json.loads(line) for line in lines]
            time.sleep(0.1)

    def follow(self, site):
        host = site.removeprefix("http://")
        return _json(
            f"{self.base}/control/follow",
            {"webfinger": f"{site}/.well-known/webfinger", "resource": f"acct:netwerk@{host}"},
        )

    def post(self, inbox, activity, forged=False):
        return _json(
            f"{self.base}/control/post", {"inbox": inbox, "activity": activity, "forged": forged}
        )


@pytest.fixture(scope="module")
def bovine_path():
    from django.conf import settings

    if not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        pytest.skip("the served site runs on SQLite in every run: the SQLite run tests it")
    return pypi.install("bovine", BOVINE, purpose="for the independent ActivityPub peer")


@pytest.fixture(scope="module")
def site(bovine_path, tmp_path_factory, worker_id):
    """Our site, served with its own database: the site tree, nobody following."""
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    workdir = tmp_path_factory.mktemp("bovine-site")
    shutil.copyfile(migrated_template(shared), workdir / "site.sqlite3")
    port = free_port()
    env = _site_env(workdir, port)
    _served_site(env, "build")
    with serve(env, port, workdir / "server.log") as url:
        yield url, env


@pytest.fixture(scope="module")
def bovine(bovine_path, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("bovine-peer")
    port = free_port()
    record = workdir / "accepted.jsonl"
    with open(workdir / "peer.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, str(PEER), str(port), str(record)],
            env={**os.environ, "PYTHONPATH": str(bovine_path)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while not port_answers(port):
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError((workdir / "peer.log").read_text())
            time.sleep(0.1)
        try:
            yield Bovine(f"http://127.0.0.1:{port}", record)
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def following(site, bovine):
    """Bovine follows our site actor (found by WebFinger); what it was told."""
    answer = bovine.follow(site[0])
    return answer, bovine.accepted()


def test_bovine_follows_our_actor_and_verifies_our_accept(site, bovine, following):
    answer, accepted = following
    assert answer["status"] == 202
    our_actor = answer["actor"]
    assert our_actor["id"] == f"{site[0]}/ap/actors/netwerk"
    (line,) = accepted
    assert line["content_type"].startswith("application/activity+json")
    accept = line["activity"]
    assert accept["type"] == "Accept"
    assert accept["actor"] == our_actor["id"]
    assert accept["object"]["id"] == answer["follow"]
    assert accept["object"]["actor"] == bovine.actor_id
    assert accept["object"]["object"] == our_actor["id"]


def test_the_peer_refuses_what_bovine_cannot_verify(bovine, following):
    before = len(bovine.accepted(timeout=0))
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"{bovine.base}/inbox",
        data=json.dumps({"type": "Create", "actor": bovine.actor_id}).encode(),
        headers={"Content-Type": "application/activity+json"},
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - loopback
    assert refused.value.code == 401
    assert len(bovine.accepted(timeout=0)) == before


def test_event_in_two_languages_then_its_move_and_deletion_reach_bovine(site, bovine, following):
    url, env = site
    zone = ZoneInfo("Europe/Amsterdam")
    start = (datetime.now(zone) + timedelta(days=10)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    before = len(bovine.accepted(timeout=0))
    _served_site(env, "edit", start.isoformat())
    lines = bovine.accepted()[before:]
    assert all(line["content_type"].startswith("application/activity+json") for line in lines)
    activities = [line["activity"] for line in lines]
    kinds = [a["type"] for a in activities]
    # Published, translated, moved, unpublished.
    assert kinds == ["Create", "Update", "Update", "Delete"], kinds
    our_actor = f"{url}/ap/actors/netwerk"
    assert {a["actor"] for a in activities} == {our_actor}
    created, translated, moved = (a["object"] for a in activities[:3])
    assert created["type"] == "Event"
    assert created["nameMap"] == {"nl": TITLES["nl"]}
    assert created["startTime"] == start.isoformat(timespec="seconds")
    assert created["startTime"][-6:] in {"+01:00", "+02:00"}
    assert translated["id"] == moved["id"] == created["id"]
    assert translated["nameMap"] == TITLES
    assert translated["contentMap"]["de"] == f"<p>{INTRO['de']}</p>"
    assert translated["startTime"] == start.isoformat(timespec="seconds")
    assert moved["nameMap"] == TITLES
    assert moved["startTime"] == (start + MOVED).isoformat(timespec="seconds")
    deleted = activities[-1]["object"]
    assert deleted["type"] == "Tombstone"
    assert deleted["id"] == created["id"]


def test_our_inbox_refuses_a_request_bovine_signs_with_another_key(site, bovine, following):
    inbox = following[0]["actor"]["inbox"]
    follow = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{bovine.base}/follows/forged",
        "type": "Follow",
        "object": following[0]["actor"]["id"],
    }
    assert bovine.post(inbox, follow, forged=True)["status"] in {401, 403}
    # The same request with the actor's own key is taken.
    assert bovine.post(inbox, follow)["status"] == 202
