"""`python -m engine_ext ARGS` is `rasa ARGS` with gridbot's run-time changes to Rasa installed first.

bin/rasa runs it (so `rasa run`, and so the engine, always has them). The one change so far:
engine_ext/action_response.py (the action server's answers checked against a validator built once).
"""

from __future__ import annotations

import sys

from engine_ext import action_response


def main() -> None:
    action_response.install()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    sys.exit(rasa_main())


if __name__ == "__main__":
    main()
