"""Failed-login lockouts fit the deployment: behind proxies they follow the client's own address
(DJANGO_PROXY_COUNT, through django-ipware), strangers cannot lock a curator out, and guessing one username
from many addresses is slowed down. Also: ``check --deploy`` warns when a proxy is there but not counted."""

import pytest
from axes.helpers import IPWARE_INSTALLED

from advisor.checks import proxy_count_is_set
from tests.operations.test_settings import SECRET, settings_of

PROXY = "127.0.0.1"  # every request reaches the app from the proxy's address
CURATOR_DESK = "198.51.100.7"
STRANGER = "203.0.113.5"
PROXY_SETTINGS = ("PROXY_COUNT", "AXES_IPWARE_PROXY_COUNT", "AXES_IPWARE_META_PRECEDENCE_ORDER", "IPWARE_STRICT")


def test_django_believes_proxy_headers_only_when_told_there_is_a_proxy():
    assert settings_of("SECURE_PROXY_SSL_HEADER", DJANGO_SECRET_KEY=SECRET) == {"SECURE_PROXY_SSL_HEADER": None}
    assert settings_of("SECURE_PROXY_SSL_HEADER", DJANGO_SECRET_KEY=SECRET, DJANGO_PROXY_COUNT="1") == {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")
    }


def proxy_settings(count: int) -> dict:
    """What config/settings.py makes of DJANGO_PROXY_COUNT (read afresh, as a deployment would)."""
    return settings_of(*PROXY_SETTINGS, DJANGO_SECRET_KEY=SECRET, DJANGO_PROXY_COUNT=str(count))


@pytest.fixture(scope="module")
def one_proxy() -> dict:
    return proxy_settings(1)


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_user("editor", password="right-password-123", is_staff=True)


def login(client, forwarded_for: str, password: str = "wrong", username: str = "editor") -> int:
    """A login as the proxy passes it on: from the proxy's address, the client's appended to X-Forwarded-For."""
    response = client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    client.logout()
    return response.status_code


def test_django_ipware_is_installed_so_the_proxy_count_is_used():
    assert IPWARE_INSTALLED


def test_without_a_proxy_no_header_names_the_client():
    assert proxy_settings(0)["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ("REMOTE_ADDR",)


def test_behind_a_proxy_one_forwarded_address_is_locked_and_not_another(editor, client, settings, one_proxy):
    for name, value in one_proxy.items():
        setattr(settings, name, value)
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, STRANGER)
    assert login(client, STRANGER, "right-password-123") == 429
    assert login(client, CURATOR_DESK, "right-password-123") == 302


def test_a_stranger_who_writes_the_curators_address_locks_only_his_own(editor, client, settings, one_proxy):
    for name, value in one_proxy.items():
        setattr(settings, name, value)
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 2):
        login(client, f"{CURATOR_DESK}, {STRANGER}")  # his header, then the address the proxy saw
    assert login(client, STRANGER, "right-password-123") == 429
    assert login(client, CURATOR_DESK, "right-password-123") == 302


def test_two_proxies_count_from_the_right(editor, client, settings):
    for name, value in proxy_settings(2).items():
        setattr(settings, name, value)
    balancer = "10.0.0.2"  # the first proxy, as the second one (nginx) appends it
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, f"{CURATOR_DESK}, {STRANGER}, {balancer}")
    assert login(client, f"{STRANGER}, {balancer}", "right-password-123") == 429
    assert login(client, f"{CURATOR_DESK}, {balancer}", "right-password-123") == 302


def test_guessing_one_username_from_many_addresses_is_slowed_down(editor, client, settings, one_proxy):
    for name, value in one_proxy.items():
        setattr(settings, name, value)
    assert login(client, CURATOR_DESK, "right-password-123") == 302  # the curator's usual address
    for i in range(settings.LOGIN_FAILURES_PER_USERNAME - 1):
        assert login(client, f"203.0.113.{10 + i}") == 200  # one try each: none of them is locked out
    # From the username's 20th failure on, each new address gets one try an hour for it...
    assert login(client, "203.0.113.200") == 429
    assert login(client, "192.0.2.1") == 429
    assert login(client, "192.0.2.1", "right-password-123") == 429
    # ...while other usernames and the curator's usual address keep the usual limit.
    assert login(client, "192.0.2.1", username="someone-else") == 200
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, CURATOR_DESK) == 200
    assert login(client, CURATOR_DESK, "right-password-123") == 302


def test_below_the_username_limit_every_address_keeps_its_usual_tries(editor, client, settings, one_proxy):
    for name, value in one_proxy.items():
        setattr(settings, name, value)
    for i in range(settings.LOGIN_FAILURES_PER_USERNAME - 2):
        login(client, f"203.0.113.{10 + i}")
    assert login(client, "192.0.2.1") == 200
    assert login(client, "192.0.2.1", "right-password-123") == 302


@pytest.mark.parametrize(
    ("setting", "env", "warned"),
    [
        ({}, {}, False),
        ({"SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https")}, {}, True),
        ({}, {"FORWARDED_ALLOW_IPS": "10.0.0.2"}, True),
        ({}, {"GUNICORN_BIND": "unix:/run/advisor/gunicorn.sock"}, True),
        ({"PROXY_COUNT": 1}, {"FORWARDED_ALLOW_IPS": "10.0.0.2"}, False),
    ],
)
def test_the_deploy_check_warns_when_a_proxy_is_there_but_not_counted(settings, monkeypatch, setting, env, warned):
    settings.PROXY_COUNT = 0
    settings.SECURE_PROXY_SSL_HEADER = None
    for name in ("FORWARDED_ALLOW_IPS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in setting.items():
        setattr(settings, name, value)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert [w.id for w in proxy_count_is_set(None)] == (["advisor.W001"] if warned else [])
