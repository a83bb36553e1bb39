"""API keys: the OS keyring through `keyring` where a backend works, else a user-only file; never in a repr."""

from __future__ import annotations

import json
import os
import stat

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail

from app.core import secrets
from app.core.secrets import SecretStore


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A working keyring backend (the OS ones need a desktop session this machine does not have)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        if self.passwords.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("no such password")


class LockedKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.KeyringLocked("the keyring is locked")


@pytest.fixture()
def use_keyring():
    """Install a keyring backend for one test, restoring the one before."""
    before = keyring.get_keyring()
    installed = []

    def install(backend):
        keyring.set_keyring(backend)
        installed.append(backend)
        return backend

    yield install
    keyring.set_keyring(before)


@pytest.fixture()
def no_keyring(monkeypatch):
    monkeypatch.setattr(secrets, "keyring_usable", lambda: False)


def key_file(app_home):
    return app_home.config / secrets.FILE_NAME


def test_the_fail_backend_is_not_usable(use_keyring):
    """What a headless Linux without a Secret Service gets: the file is used instead."""
    use_keyring(fail.Keyring())
    assert not secrets.keyring_usable()
    use_keyring(MemoryKeyring())
    assert secrets.keyring_usable()


def test_without_a_keyring_keys_live_in_a_user_only_file(no_keyring, app_home):
    store = SecretStore()
    store.set("server-a", "sk-aaa")
    store.set("server-b", "sk-bbb")
    store.set("server-a", "sk-aaa-2")
    assert (store.get("server-a"), store.get("server-b"), store.get("server-c")) == ("sk-aaa-2", "sk-bbb", None)
    path = key_file(app_home)
    assert json.loads(path.read_text()) == {"server-a": "sk-aaa-2", "server-b": "sk-bbb"}
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    store.delete("server-a")
    store.delete("server-a")  # deleting twice is fine
    assert store.get("server-a") is None and store.get("server-b") == "sk-bbb"
    assert "sk-" not in repr(store) and str(path) in repr(store)


def test_with_a_keyring_keys_never_touch_the_disk(use_keyring, app_home):
    backend = use_keyring(MemoryKeyring())
    store = SecretStore()
    store.set("server-a", "sk-aaa")
    assert backend.passwords == {(secrets.SERVICE, "server:server-a"): "sk-aaa"}
    assert store.get("server-a") == "sk-aaa" and not key_file(app_home).exists()
    assert repr(store) == "SecretStore(keyring)"
    store.delete("server-a")
    assert backend.passwords == {} and store.get("server-a") is None


def test_a_key_kept_in_the_file_moves_into_a_keyring_that_appears(use_keyring, app_home):
    use_keyring(fail.Keyring())
    SecretStore().set("server-a", "sk-old")
    backend = use_keyring(MemoryKeyring())
    store = SecretStore()
    assert store.get("server-a") == "sk-old"  # still found in the file
    store.set("server-a", "sk-new")
    assert backend.passwords[(secrets.SERVICE, "server:server-a")] == "sk-new"
    assert json.loads(key_file(app_home).read_text()) == {}


def test_a_keyring_that_refuses_falls_back_to_the_file(use_keyring, app_home, caplog):
    use_keyring(LockedKeyring())
    store = SecretStore()
    store.set("server-a", "sk-locked-out")
    assert store.get("server-a") == "sk-locked-out"
    assert json.loads(key_file(app_home).read_text()) == {"server-a": "sk-locked-out"}
    assert "KeyringLocked" in caplog.text and "sk-locked-out" not in caplog.text


def test_a_damaged_key_file_is_ignored_not_fatal(no_keyring, app_home, caplog):
    key_file(app_home).write_text("{broken")
    assert SecretStore().get("server-a") is None
    assert "cannot be read" in caplog.text
