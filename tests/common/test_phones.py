import pytest

from bot.common.phones import InvalidPhone, mask, national, to_e164


@pytest.mark.parametrize("raw", ["13900000001", "139 0000 0001", "+86 139-0000-0001", "008613900000001",
                                 "+8613900000001"])
def test_it_normalises_chinese_mobile_numbers_to_e164(raw):
    assert to_e164(raw) == "+8613900000001"


def test_it_keeps_foreign_numbers_with_their_country_code():
    assert to_e164("+1 415 555 2671") == "+14155552671"


@pytest.mark.parametrize("raw", ["", "hello", "123"])
def test_it_refuses_what_is_not_a_phone_number(raw):
    with pytest.raises(InvalidPhone):
        to_e164(raw)


def test_it_masks_the_middle_four_digits():
    assert mask("+8613900001234") == "139****1234"


def test_masking_nothing_gives_nothing():
    assert mask(None) == ""


def test_a_published_chinese_number_is_shown_as_people_dial_it():
    assert national("+8613700000001") == "13700000001"


def test_a_foreign_or_missing_number_is_shown_as_it_is():
    assert (national("+14155552671"), national(None)) == ("+14155552671", "")
