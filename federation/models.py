"""ActivityPub's bookkeeping (see `federation.services` for the rules).

- `Actor`: who speaks for the site on the fediverse: the site itself
  (`Organization`) and each partner section (`Group`, keyed by the partner
  page's `translation_key`), with its RSA key pair, made on first use.
- `Follower`: a remote actor that follows one of ours, and where to deliver.
- `RemoteActor`: a remote actor's inbox and public key, fetched to check the
  signatures of what it sends (a cache, refreshed when a signature fails).
- `PublishedObject`: what we told followers about (an event, one date of a
  series, an article), so a change becomes `Update` and a removal `Delete`.
- `Delivery`: one signed POST of one activity to one inbox, retried with
  exponential backoff by the task worker and `manage.py deliver_activities`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Actor(models.Model):
    class Kind(models.TextChoices):
        SITE = "site", _("Site")
        SECTION = "section", _("Partner section")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    username = models.SlugField(max_length=60, unique=True)
    section_key = models.UUIDField(null=True, blank=True, unique=True)
    private_key_pem = models.TextField()
    public_key_pem = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("fediverse actor")
        verbose_name_plural = _("fediverse actors")

    def __str__(self):
        return self.username


class Follower(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="followers")
    uri = models.URLField(max_length=500)
    inbox = models.URLField(max_length=500)
    shared_inbox = models.URLField(max_length=500, blank=True)
    follow_id = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["actor", "uri"], name="unique_follower_per_actor")
        ]

    def __str__(self):
        return f"{self.uri} → {self.actor}"

    @property
    def delivery_inbox(self):
        return self.shared_inbox or self.inbox


class RemoteActor(models.Model):
    uri = models.URLField(max_length=500, unique=True)
    key_id = models.URLField(max_length=500, unique=True)
    public_key_pem = models.TextField()
    inbox = models.URLField(max_length=500, blank=True)
    shared_inbox = models.URLField(max_length=500, blank=True)
    fetched_at = models.DateTimeField()

    class Meta:
        verbose_name = _("remote actor")
        verbose_name_plural = _("remote actors")

    def __str__(self):
        return self.uri


class PublishedObject(models.Model):
    """One object followers were told about, per actor whose followers got it."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="published")
    object_id = models.URLField(max_length=500)
    # The page's translation_key: every object of one event or article.
    page_key = models.UUIDField(db_index=True)
    fingerprint = models.CharField(max_length=64)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("published object")
        verbose_name_plural = _("published objects")
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "object_id"], name="unique_published_object_per_actor"
            )
        ]

    def __str__(self):
        return self.object_id


class Delivery(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="deliveries")
    inbox = models.URLField(max_length=500)
    activity = models.JSONField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_try = models.DateTimeField(db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    failed = models.BooleanField(default=False, help_text=_("Given up after too many attempts."))
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        indexes = [models.Index(fields=["delivered_at", "failed", "next_try"], name="delivery_due")]

    def __str__(self):
        return f"{self.activity.get('type')} → {self.inbox}"
