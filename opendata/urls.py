"""Addresses of the open data: one in every language (programs poll them)."""

from django.urls import path, re_path

from opendata import api

LANGUAGE = r"(?P<language>nl|de|en)"

urlpatterns = [
    path("open-data/hsds/", api.HsdsRoot.as_view(), name="hsds_root"),
    path(
        "open-data/hsds/organizations/", api.HsdsOrganisations.as_view(), name="hsds_organizations"
    ),
    path(
        "open-data/hsds/organizations/<uuid:key>/",
        api.HsdsOrganisation.as_view(),
        name="hsds_organization",
    ),
    path("open-data/hsds/services/", api.HsdsServices.as_view(), name="hsds_services"),
    path("open-data/hsds/services/<uuid:key>/", api.HsdsService.as_view(), name="hsds_service"),
    re_path(rf"^api/v1/{LANGUAGE}/events/$", api.EventList.as_view(), name="api_events"),
    re_path(rf"^api/v1/{LANGUAGE}/articles/$", api.ArticleList.as_view(), name="api_articles"),
    re_path(
        rf"^api/v1/{LANGUAGE}/organisations/$",
        api.OrganisationList.as_view(),
        name="api_organisations",
    ),
]
