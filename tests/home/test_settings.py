"""Production settings: fail fast without secrets, and pass Django's deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "x7Gm2pQv9Lw4Zr8Nt1Ks6Hd3Fb5Yc0Ju2Ea9Wo4Ri7Tn1Pl6Qz3Mx8Vb5Cg2Hk0Dy"  # noqa: S105


def run_manage(*args, **env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_issue():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="samenverder.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "samenverder.example"}, "SECRET_KEY"),
        (
            {"SECRET_KEY": "dev-only-not-secret-6Jq0b1kJ" * 3, "ALLOWED_HOSTS": "x.example"},
            "SECRET_KEY",
        ),
        ({"SECRET_KEY": GOOD_SECRET}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_real_secret_and_hosts(env, message):
    result = run_manage("check", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_has_no_demo_app_and_no_demo_command():
    result = run_manage(
        "load_demo",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="samenverder.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode != 0
    assert "Unknown command: 'load_demo'" in result.stderr
