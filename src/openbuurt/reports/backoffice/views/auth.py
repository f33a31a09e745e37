"""Logging in and out of the back office (Django's auth views with a lock against password guessing)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse

import structlog

from openbuurt.accounts.models import User
from openbuurt.reports.backoffice.forms import LoginForm
from openbuurt.reports.backoffice.services import record_login
from openbuurt.reports.backoffice.throttle import client_address

log = structlog.get_logger(__name__)


class LoginView(auth_views.LoginView):
    """The staff login; answers 429 while the username or address is locked."""

    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return reverse("backoffice:queue")

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        if isinstance(user, User):
            record_login(user=user)
        return response

    def form_invalid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        log.info("backoffice_login_failed", locked=form.locked, address=client_address(self.request))
        response = super().form_invalid(form)
        if form.locked:
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    """Log out (POST only, as Django requires) and show the login page again."""

    def get_default_redirect_url(self) -> str:
        return reverse("backoffice:login")
