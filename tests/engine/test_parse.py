from bot.engine.parse import category_of, classification


def parse(intent: str, key: str | None = None, confidence: float = 0.9) -> dict:
    result = {"intent": {"name": intent, "confidence": confidence}, "entities": []}
    if key:
        result["response_selector"] = {
            "all_retrieval_intents": ["report_issue", "emergency"],
            "default": {"response": {"intent_response_key": key, "confidence": 0.8}},
        }
    return result


def test_a_report_gets_the_category_of_its_retrieval_intent():
    assert classification("路灯坏了", parse("report_issue", "report_issue/roads")) == {
        "text": "路灯坏了", "intent": "report_issue", "confidence": 0.9, "category": "roads"}


def test_an_emergency_gets_a_category_too():
    assert classification("着火了", parse("emergency", "emergency/fire_safety"))["category"] == "fire_safety"


def test_other_intents_have_no_category_even_if_the_selector_guessed_one():
    assert classification("你好", parse("greet", "report_issue/roads"))["category"] is None


def test_an_unknown_category_key_is_ignored():
    assert category_of(parse("report_issue", "report_issue/weather")) is None


def test_below_the_fallback_threshold_it_reports_the_best_contract_intent_with_its_confidence():
    result = {
        "intent": {"name": "nlu_fallback", "confidence": 0.4},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.4},
            {"name": "report_issue", "confidence": 0.31},
            {"name": "emergency", "confidence": 0.3},
        ],
        "response_selector": {"default": {"response": {"intent_response_key": "report_issue/roads",
                                                       "confidence": 0.7}}},
    }
    assert classification("路登", result) == {
        "text": "路登", "intent": "report_issue", "confidence": 0.31, "category": "roads"}


def test_a_fallback_with_no_ranking_stays_the_fallback():
    assert classification("？", parse("nlu_fallback", confidence=0.2))["intent"] == "nlu_fallback"
