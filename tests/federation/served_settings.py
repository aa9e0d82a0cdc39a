"""Settings of the site served for the independent peer (test_bovine.py): the
test settings (immediate tasks, loopback peers allowed), with the address the
site is served on as its base URL, so that our actors' ids and keys can be
fetched by the peer."""

import os

from config.settings.test import *  # noqa: F403

WAGTAILADMIN_BASE_URL = os.environ["BASE_URL"]
