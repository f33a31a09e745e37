"""API keys: the services, the admin (key shown once, revoke action) and the `open311-key` command."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest

from openbuurt.accounts.models import Organisation, User
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.open311 import selectors
from openbuurt.open311.models import ApiKey
from openbuurt.open311.services import LAST_USED_RESOLUTION, create_api_key, mark_api_key_used, revoke_api_key

pytestmark = pytest.mark.django_db


def _audit(api_key: ApiKey) -> list[AuditLogEntry]:
    return list(AuditLogEntry.objects.filter(object_type="open311.apikey", object_id=str(api_key.pk)).order_by("id"))


def test_a_new_key_is_returned_once_and_only_its_hash_and_prefix_are_stored(gemeente: Organisation) -> None:
    api_key, plain = create_api_key(name="  Buitenbeter (test)  ", organisation=gemeente)
    assert len(plain) == 43
    assert api_key.name == "Buitenbeter (test)"
    assert api_key.key_prefix == plain[:8]
    assert api_key.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert not any(plain in str(value) for value in stored.values())
    assert selectors.active_api_key(plain) == api_key
    assert selectors.active_api_key(plain + "x") is None
    assert selectors.active_api_key("") is None
    [entry] = _audit(api_key)
    assert entry.action == AuditAction.CREATE and plain not in entry.summary + str(entry.detail)


def test_a_key_needs_a_name(db: None) -> None:
    with pytest.raises(ValueError, match="name"):
        create_api_key(name="  ")
    assert ApiKey.objects.count() == 0


def test_revoking_refuses_the_key_from_then_on_and_is_audited_once(db: None) -> None:
    api_key, plain = create_api_key(name="App (test)")
    officer = User.objects.create_user(username="beheer", password="x" * 12)
    revoke_api_key(api_key=api_key, actor=officer)
    revoke_api_key(api_key=api_key, actor=officer)
    api_key.refresh_from_db()
    assert api_key.revoked_at is not None and not api_key.is_active
    assert selectors.active_api_key(plain) is None
    entries = _audit(api_key)
    assert [e.action for e in entries] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert entries[1].actor_label == "beheer"


def test_an_active_key_is_remembered_and_a_revocation_is_seen_at_once_in_this_process(
    db: None, django_assert_num_queries: Any
) -> None:
    api_key, plain = create_api_key(name="App (test)")
    assert selectors.active_api_key(plain) == api_key
    with django_assert_num_queries(0):
        assert selectors.active_api_key(plain) == api_key
    revoke_api_key(api_key=api_key, actor=None)
    assert selectors.active_api_key(plain) is None


def test_a_key_revoked_elsewhere_is_refused_once_the_remembered_entry_expires(
    db: None, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.OPENBUURT_OPEN311_KEY_CACHE_SECONDS = 10
    api_key, plain = create_api_key(name="App (test)")
    clock = [1000.0]
    monkeypatch.setattr(selectors, "_clock", lambda: clock[0])
    assert selectors.active_api_key(plain) == api_key
    # Another server process revokes it: this process's memory is not told.
    ApiKey.objects.filter(pk=api_key.pk).update(revoked_at=timezone.now())
    clock[0] += 9
    assert selectors.active_api_key(plain) == api_key
    clock[0] += 2
    assert selectors.active_api_key(plain) is None


def test_with_the_cache_off_every_use_looks_the_key_up(db: None, settings: Any, django_assert_num_queries: Any) -> None:
    settings.OPENBUURT_OPEN311_KEY_CACHE_SECONDS = 0
    _api_key, plain = create_api_key(name="App (test)")
    selectors.active_api_key(plain)
    with django_assert_num_queries(1):
        assert selectors.active_api_key(plain) is not None


def test_use_is_recorded_at_most_once_per_interval(db: None) -> None:
    api_key, _plain = create_api_key(name="App (test)")
    mark_api_key_used(api_key=api_key)
    first = ApiKey.objects.get(pk=api_key.pk).last_used_at
    assert first is not None
    mark_api_key_used(api_key=api_key)
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at == first
    api_key.last_used_at = timezone.now() - LAST_USED_RESOLUTION - timedelta(seconds=1)
    mark_api_key_used(api_key=api_key)
    assert ApiKey.objects.get(pk=api_key.pk).last_used_at > first  # type: ignore[operator]


# --- admin ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client: Client, gemeente: Organisation) -> Client:
    user = User.objects.create_superuser(username="beheerder", password="x" * 12, organisation=gemeente)
    client.force_login(user)
    return client


def test_admin_creates_a_key_and_shows_it_once(admin_client: Client, gemeente: Organisation) -> None:
    response = admin_client.post(
        reverse("admin:open311_apikey_add"), {"name": "Meldapp (test)", "organisation": gemeente.pk}
    )
    assert response.status_code == 302
    api_key = ApiKey.objects.get()
    words = [word for message in get_messages(response.wsgi_request) for word in str(message).split()]
    shown = [word for word in words if word.startswith(api_key.key_prefix) and len(word) == 43]
    assert len(shown) == 1
    plain = shown[0]
    assert selectors.active_api_key(plain) == api_key
    assert api_key.organisation == gemeente and api_key.created_by is not None
    assert _audit(api_key)[0].actor_label == "beheerder"
    # The next page shows the message once; after that the key is nowhere, only its prefix.
    assert plain in admin_client.get(reverse("admin:open311_apikey_changelist")).content.decode()
    page = admin_client.get(reverse("admin:open311_apikey_change", args=[api_key.pk])).content.decode()
    assert api_key.key_prefix in page and plain not in page and api_key.key_hash not in page


def test_admin_revoke_action_and_no_deletion(admin_client: Client) -> None:
    first, _ = create_api_key(name="Een (test)")
    second, _ = create_api_key(name="Twee (test)")
    response = admin_client.post(
        reverse("admin:open311_apikey_changelist"), {"action": "revoke", "_selected_action": [first.pk]}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    assert admin_client.get(reverse("admin:open311_apikey_delete", args=[second.pk])).status_code == 403


# --- command -------------------------------------------------------------------------------------------------------


def _command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("open311-key", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_creates_lists_and_revokes(gemeente: Organisation) -> None:
    out, err = _command("create", "FixMyStreet (test)", "--organisation", "groningen")
    plain = out.strip()
    api_key = selectors.active_api_key(plain)
    assert api_key is not None and api_key.organisation == gemeente
    assert "only this once" in err and plain not in err
    listing, _ = _command("list")
    assert api_key.key_prefix in listing and "FixMyStreet (test)" in listing and "groningen" in listing
    assert plain not in listing
    out, _ = _command("revoke", api_key.key_prefix)
    assert "Revoked" in out
    assert selectors.active_api_key(plain) is None
    assert "revoked" in _command("list")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "App", "--organisation", "nergens"), "nergens"),
        (("create", " "), "name"),
        (("revoke", "abc"), "8 characters"),
        (("revoke", "ZZZZZZZZ"), "No active API key"),
    ],
)
def test_command_refuses_bad_input_clearly(db: None, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        _command(*args)
    assert ApiKey.objects.count() == 0


def test_the_console_command_finds_open311_key_by_its_file_name() -> None:
    console = Path(sys.executable).with_name("openbuurt")
    result = subprocess.run([str(console), "help", "open311-key"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "{create,list,revoke}" in result.stdout


def test_new_keys_never_start_with_a_dash_so_their_prefix_works_on_the_command_line() -> None:
    from openbuurt.open311.keys import new_api_key

    keys = [new_api_key() for _ in range(2000)]
    assert all(key[0].isalnum() for key in keys)
    assert len(set(keys)) == len(keys)
    assert {len(key) for key in keys} == {43}
