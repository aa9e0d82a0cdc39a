"""The fediverse's addresses (language-independent, outside /nl/, /de/, /en/)."""

from django.urls import path

from federation import views

app_name = "federation"

urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("ap/inbox", views.inbox, name="shared_inbox"),
    path("ap/actors/<slug:username>", views.actor_view, name="actor"),
    path("ap/actors/<slug:username>/inbox", views.inbox, name="inbox"),
    path("ap/actors/<slug:username>/outbox", views.outbox, name="outbox"),
    path("ap/actors/<slug:username>/followers", views.followers, name="followers"),
    path("ap/events/<uuid:key>", views.event_object, name="event"),
    path("ap/events/<uuid:key>/dates/<int:occurrence>", views.event_date_object, name="event_date"),
    path("ap/articles/<uuid:key>", views.article_object, name="article"),
]
