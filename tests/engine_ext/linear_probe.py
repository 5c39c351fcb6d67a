"""Run inside the engine environment by test_linear.py: trains LinearClassifier on a tiny data set,
saves and reloads it through Rasa's model storage, and prints what it made of a few messages."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from engine_ext.linear import LinearClassifier

DATA = {
    ("greet", None): ["你好", "您好啊", "早上好", "喂 你好", "哈喽"],
    ("report_issue", "roads"): ["路灯坏了", "路登不亮了", "马路上有个坑", "井盖没了", "路灯黑了好几天"],
    ("report_issue", "sanitation"): ["垃圾没人收", "垃极臭得很", "化粪池满了", "垃圾堆成山了", "厕所脏得很"],
    ("emergency", "roads"): ["桥塌了快来人", "路面塌了车掉下去了", "快来 山体滑坡把路埋了"],
    ("affirm", None): ["好的", "可以", "行", "对的", "好"],
    ("worker_ack", None): ["收到", "T1042 收到", "收到 马上去", "收到收到 在处理了", "已收到 这就去"],
}
# The same words from senders of each role (None: a message without metadata, as `/model/parse` sends).
ROLES = {"收到 好的": [None, "staff", "resident"], "收到收到": [None, "resident"]}


def main() -> None:
    examples = []
    for (intent, category), texts in DATA.items():
        for text in texts:
            data = {"text": text, "intent": intent}
            if category:
                data["intent_response_key"] = f"{intent}/{category}"
            examples.append(Message(data=data))
    responses = {"utter_report_issue/roads": [{"text": "roads"}],
                 "utter_report_issue/sanitation": [{"text": "sanitation"}]}
    training = TrainingData(training_examples=examples, responses=responses)
    with tempfile.TemporaryDirectory() as tmp:
        storage = LocalModelStorage(Path(tmp))
        resource = Resource("linear")
        context = ExecutionContext(GraphSchema({}), "probe")
        LinearClassifier.create({}, storage, resource, context).train(training)
        loaded = LinearClassifier.load({}, storage, resource, context)
        out = []
        for text in ["路灯不亮", "你好呀", "垃圾堆在门口", "桥塌了", "/greet"]:
            message = Message(data={"text": text})
            loaded.process([message])
            out.append({"text": text, "intent": message.get("intent"), "ranking": message.get("intent_ranking"),
                        "selector": message.get("response_selector")})
        for text, roles in ROLES.items():
            for role in roles:
                message = Message(data={"text": text, "metadata": {"role": role} if role else None})
                loaded.process([message])
                out.append({"text": f"{text} ({role})", "intent": message.get("intent"),
                            "ranking": message.get("intent_ranking"), "selector": message.get("response_selector")})
        print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
