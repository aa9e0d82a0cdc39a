"""The admin's unlock path for logins that django-axes locked: a list under
Settings of the addresses and accounts with failed logins, for
administrators; deleting a row clears its count, so the account or address
can log in again at once (the same as `manage.py axes_reset_username`)."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy


class UnlockOnly(ModelPermissionPolicy):
    """Administrators see and delete the counted attempts; nobody adds or edits one."""

    def user_has_permission(self, user, action):
        if action not in ("view", "delete"):
            return False
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(actions).filter(is_superuser=True)


class LoginLockViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    name = "login-locks"
    menu_label = _("Locked logins")
    add_to_settings_menu = True
    copy_view_enabled = False
    exclude_form_fields = []
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]

    @property
    def permission_policy(self):
        return UnlockOnly(AccessAttempt)
