"""A dog that bit or killed someone's hens (blind test 33, B179: "邻居家的狗把我家鸡咬死了 咋个办" got the wound washed
and the rabies jab): no advice for a person's bite; a person bitten beside it still gets it."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, danger_signs


@pytest.mark.parametrize("text", ["邻居家的狗把我家鸡咬死了 咋个办 安居苑", "狗咬死了我家两只鸡", "我家鸭子遭狗咬死了",
                                  "邻居的狗咬我家猫 咋个办"])
def test_hens_killed_by_a_dog_get_no_advice_for_a_persons_bite(text: str):
    assert danger_signs.only_animals_bitten(text)
    assert danger_signs.bite_advice(text) == "" and advice_asked.bite_advice(text) == ""


@pytest.mark.parametrize("text", ["狗把我家鸡咬死了 我去赶也被咬了一口", "遭狗咬了 流血了", "送外卖被狗咬了一口",
                                  "狗咬了我一口", "被狗咬了 要打针不"])
def test_a_person_bitten_still_gets_the_bite_advice(text: str):
    assert not danger_signs.only_animals_bitten(text)
    assert advice_asked.bite_advice(text) == danger_signs.BITE_ADVICE
