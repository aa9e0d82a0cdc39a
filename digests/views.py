"""The visitor's digest views. The subscribe form is the `DigestPage` itself;
its sub-pages (`digests.routes`) confirm a subscription and manage it from the
signed links in e-mails. `unsubscribe` is a plain URL outside the page tree
(`digests.urls`): RFC 8058 one-click unsubscribe is a POST from the mail
program without a CSRF token, which only a view exempt from CSRF can take; a
GET only shows the button, so link scanners unsubscribe nobody.

Pages reached by a personal link are never cached (`no-store`).
"""

from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from digests import services
from digests.forms import ChoicesForm, SubscribeForm
from home import honeypot
from home.i18n import active_locale
from home.ratelimit import allow

SUBSCRIBE_LIMIT = (5, 3600)  # subscriptions per visitor address per hour
MANAGE_LIMIT = (30, 3600)


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    return response


def _render(request, page, template, context, status=200):
    if page is not None:
        context = {"page": page, "self": page, **context}
    return _private(TemplateResponse(request, template, context, status=status))


def _language(request, page):
    return page.locale.language_code if page is not None else get_language()


def subscribe(request, page):
    options = services.options(active_locale(request))
    if request.method != "POST":
        form = SubscribeForm(options=options)
        return TemplateResponse(
            request, "digests/digest_page.html", {"page": page, "self": page, "form": form}
        )
    form = SubscribeForm(request.POST, options=options)
    if honeypot.caught(request):
        return HttpResponseRedirect(page.url + page.reverse_subpage("digest_sent"))
    if not allow(request, "digest-subscribe", *SUBSCRIBE_LIMIT):
        form.is_valid()
        form.add_error(
            None, _("Too many attempts from your connection. Please try again in an hour.")
        )
        return _render(request, page, "digests/digest_page.html", {"form": form}, status=429)
    if not form.is_valid():
        return _render(request, page, "digests/digest_page.html", {"form": form}, status=400)
    services.subscribe(
        form.cleaned_data["email"],
        _language(request, page),
        form.cleaned_data["frequency"],
        form.choices(),
    )
    return HttpResponseRedirect(page.url + page.reverse_subpage("digest_sent"))


def sent(request, page):
    return TemplateResponse(
        request, "digests/message.html", {"page": page, "self": page, "kind": "sent"}
    )


def _bad_link(request, page):
    return _render(request, page, "digests/message.html", {"kind": "bad_link"}, status=404)


def confirm(request, page, token):
    subscription = services.read_token(token, "confirm", max_age=services.CONFIRM_MAX_AGE)
    if subscription is None:
        return _bad_link(request, page)
    if request.method == "POST" or subscription.is_confirmed:
        services.confirm(subscription)
        return HttpResponseRedirect(
            page.url
            + page.reverse_subpage(
                "digest_manage", kwargs={"token": services.token_for(subscription, "manage")}
            )
            + "?confirmed=1"
        )
    return _render(request, page, "digests/confirm.html", {"subscription": subscription})


def manage(request, page, token):
    subscription = services.read_token(token, "manage")
    if subscription is None:
        return _bad_link(request, page)
    options = services.options(active_locale(request))
    notice = (
        "confirmed" if request.GET.get("confirmed") else "saved" if request.GET.get("saved") else ""
    )
    if request.method == "POST":
        if not allow(request, "digest-manage", *MANAGE_LIMIT):
            form = ChoicesForm(request.POST, options=options)
            form.is_valid()
            form.add_error(
                None, _("Too many attempts from your connection. Please try again in an hour.")
            )
            return _render(
                request,
                page,
                "digests/manage.html",
                {"form": form, "subscription": subscription},
                429,
            )
        if "unsubscribe" in request.POST:
            services.unsubscribe(subscription)
            return _render(request, page, "digests/message.html", {"kind": "unsubscribed"})
        form = ChoicesForm(request.POST, options=options)
        if form.is_valid():
            services.change(
                subscription,
                _language(request, page),
                form.cleaned_data["frequency"],
                form.choices(),
            )
            return HttpResponseRedirect(request.path + "?saved=1")
        return _render(
            request, page, "digests/manage.html", {"form": form, "subscription": subscription}, 400
        )
    initial = {"frequency": subscription.frequency}
    initial.update({name: getattr(subscription, name) for name in services.KINDS})
    form = ChoicesForm(initial=initial, options=options)
    return _render(
        request,
        page,
        "digests/manage.html",
        {"form": form, "subscription": subscription, "notice": notice},
    )


@csrf_exempt
def unsubscribe(request, token):
    """GET: a button; POST (the button, or a mail program's one-click POST with
    `List-Unsubscribe=One-Click`): the subscription is deleted."""
    subscription = services.read_token(token, "unsubscribe")
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription)
        # Already gone counts as done: a second click is not an error.
        return _render(request, None, "digests/message.html", {"kind": "unsubscribed"})
    if subscription is None:
        return _render(request, None, "digests/message.html", {"kind": "bad_link"}, status=404)
    return _render(request, None, "digests/unsubscribe.html", {"subscription": subscription})
