from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "chitieu.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from chitieu.accounts import signals

        # Audit rows for logins and failed logins (see accounts/signals.py for why a signal).
        user_logged_in.connect(signals.on_user_logged_in, dispatch_uid="chitieu_login_audit")
        user_login_failed.connect(
            signals.on_user_login_failed, dispatch_uid="chitieu_login_failed_audit"
        )
