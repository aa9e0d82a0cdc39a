"""The request's Wagtail `Site`, looked up once per cache generation.

Wagtail finds the site of a request with a query on every request
(`Site.find_for_request`, which keeps its answer on the request as
`request._wagtail_site`). Sites change rarely, and a change of a site starts
a new page-cache generation (home/apps.py: `site_wide`), so the answer per
host and port is kept per generation and handed to Wagtail on the request.
While the database does not answer, the request goes on without it: the
health check says so (503), and a page fails where it needs the database.
"""

import contextlib

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

from home.cache import per_generation


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        with contextlib.suppress(DatabaseError):
            request._wagtail_site = per_generation(
                f"wagtail-site:{hostname}:{port}", lambda: Site.find_for_request(request)
            )
        return self.get_response(request)
