"""Keep the dialogue contract, the training data and the action server in step."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import yaml
from rasa_sdk import Action

import actions
from bot.common.settings import ROOT

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
BUILT_IN = {"nlu_fallback"}
CUSTOM_PREFIXES = ("action_", "validate_")


def action_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.iter_modules(actions.__path__):
        module = importlib.import_module(f"actions.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Action) and cls.__module__ == module.__name__ and not inspect.isabstract(cls):
                found[cls().name()] = cls
    return found


def training_intents() -> set[str]:
    intents = set()
    for path in Path(ROOT / "nlu").glob("*.yml"):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            if "intent" in item and item.get("examples", "").strip():
                intents.add(item["intent"].split("/", 1)[0])
    return intents


def domain_intents() -> set[str]:
    return {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}


def test_every_custom_action_in_the_domain_has_a_class():
    declared = {a for a in DOMAIN["actions"] if a.startswith(CUSTOM_PREFIXES)}
    assert declared - set(action_classes()) == set()


def test_every_action_class_is_declared_in_the_domain():
    assert set(action_classes()) - set(DOMAIN["actions"]) == set()


def test_every_intent_has_training_examples():
    assert domain_intents() - BUILT_IN - training_intents() == set()


def test_every_trained_intent_is_in_the_domain():
    assert training_intents() - domain_intents() == set()
