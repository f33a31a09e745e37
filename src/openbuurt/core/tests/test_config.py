"""Typed settings from the environment: good values parse, bad values fail fast with the variable's name."""

from __future__ import annotations

import subprocess
import sys

import pytest

from openbuurt.core.config import REGISTRY, ConfigError, env_bool, env_int, env_list, env_str, render_markdown


def test_values_parse_and_are_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OB_TEST_FLAG", "yes")
    monkeypatch.setenv("OB_TEST_COUNT", "7")
    monkeypatch.setenv("OB_TEST_HOSTS", "a.example, b.example,,")
    assert env_bool("OB_TEST_FLAG", False, "a flag") is True
    assert env_int("OB_TEST_COUNT", 1, "a count") == 7
    assert env_list("OB_TEST_HOSTS", [], "hosts") == ["a.example", "b.example"]
    assert env_str("OB_TEST_UNSET", "fallback", "text", shown_default="(machine path)") == "fallback"
    assert REGISTRY["OB_TEST_UNSET"].default == "(machine path)"
    assert "`OB_TEST_COUNT` | integer | `1` | a count |" in render_markdown()


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("OB_TEST_FLAG", "maybe", lambda: env_bool("OB_TEST_FLAG", False, "a flag")),
        ("OB_TEST_COUNT", "many", lambda: env_int("OB_TEST_COUNT", 1, "a count")),
        ("OB_TEST_COUNT", "-3", lambda: env_int("OB_TEST_COUNT", 1, "a count", minimum=0)),
    ],
)
def test_bad_values_fail_fast_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, reader: object
) -> None:
    monkeypatch.setenv(name, value)
    assert callable(reader)
    with pytest.raises(ConfigError, match=name):
        reader()


@pytest.mark.parametrize("secret", ["", "changeme", "too-short-secret"])
def test_the_site_refuses_to_start_without_a_real_secret(secret: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "openbuurt.settings", "OPENBUURT_SECRET_KEY": secret, "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OPENBUURT_SECRET_KEY must be set" in result.stderr


def _start_wsgi(interval: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys, openbuurt.wsgi; print(sys.getswitchinterval())"],
        env={
            "DJANGO_SETTINGS_MODULE": "openbuurt.settings",
            "OPENBUURT_SECRET_KEY": "config-test-0123456789abcdefghijklmnopqrstuvwxyz",
            "OPENBUURT_THREAD_SWITCH_INTERVAL_MS": interval,
            "PATH": "",
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_web_server_process_takes_the_thread_switch_interval_from_the_setting() -> None:
    result = _start_wsgi("0.25")
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) == pytest.approx(0.00025)


@pytest.mark.parametrize("interval", ["0", "-1", "500", "soon"])
def test_a_thread_switch_interval_out_of_range_stops_the_server(interval: str) -> None:
    result = _start_wsgi(interval)
    assert result.returncode != 0
    assert "OPENBUURT_THREAD_SWITCH_INTERVAL_MS" in result.stderr
