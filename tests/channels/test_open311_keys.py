"""Open311 API keys: `SECRET` files requests, `SECRET:scope+scope` grants the scopes named; a bad
entry stops the gateway without showing its secret."""

import pytest
from pydantic import SecretStr

from bot.channels.open311_keys import FILE, READ_PRIVATE, ApiKeys, NotAKey


def keys(*entries: str) -> ApiKeys:
    return ApiKeys([SecretStr(e) for e in entries])


def test_an_entry_without_scopes_may_file_only_as_before_scopes_existed():
    assert keys("k1").scopes("k1") == {FILE}


def test_an_entry_grants_the_scopes_it_names_and_the_secret_may_hold_a_colon():
    configured = keys("reader:read_private", "both:file+read_private", "a:b:read_private")
    assert configured.scopes("reader") == {READ_PRIVATE}
    assert configured.scopes("both") == {FILE, READ_PRIVATE}
    assert configured.scopes("a:b") == {READ_PRIVATE}


def test_no_key_has_no_scopes_and_a_key_not_configured_is_refused():
    configured = keys("k1", "reader:read_private")
    assert configured.scopes(None) == configured.scopes("") == frozenset()
    for given in ("k2", "reader:read_private", "密钥", "k1 "):
        with pytest.raises(NotAKey):
            configured.scopes(given)


@pytest.mark.parametrize("entry", ["hunter2:admin", "hunter2:", ":read_private"])
def test_a_bad_entry_is_refused_without_showing_its_secret(entry):
    with pytest.raises(ValueError, match="entry 2") as refused:
        keys("fine", entry)
    assert "hunter2" not in str(refused.value)
