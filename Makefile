# gridbot: the two commands are `make run` and `make test`.
.PHONY: run test lint validate pytest train nlu-eval nlu-heldout setup clean

run: setup      ## set up what is missing and start engine, actions, gateway and worker (Ctrl-C stops)
	bin/bot run

test: setup lint validate pytest   ## everything CI runs

setup:          ## build both virtual environments at once (cached, shared between clones)
	@bin/venv engine true & engine=$$!; bin/venv app true; app=$$?; wait $$engine; engine=$$?; \
	  test $$app -eq 0 -a $$engine -eq 0 || { echo "setup failed (app: $$app, engine: $$engine)"; exit 1; }

lint:           ## ruff, and the layer contract in pyproject.toml (import-linter)
	bin/venv app ruff check .
	bin/venv app lint-imports --no-cache

validate:       ## Rasa's own checks of domain, NLU data, stories and rules
	@mkdir -p var
	bin/rasa data validate --data nlu stories > var/validate.log 2>&1 || (cat var/validate.log; exit 1)
	@grep -E "ERROR|No story structure conflicts" var/validate.log

pytest:
	bin/venv app python -m pytest -q -ra

train:          ## train the model if config, domain, nlu or stories changed
	bin/bot train

nlu-eval:       ## 5-fold cross-validation of the NLU against a TF-IDF baseline → docs/nlu-eval.md
	bin/venv engine python bench/nlu_eval.py

nlu-heldout:    ## the trained model on the independent held-out sets A, B and C, against the baseline → docs/nlu-heldout.md
	model=$$(bin/bot train | tail -n1) && bin/venv engine python bench/heldout_eval.py --model "$$model"

clean:
	rm -rf var models .pytest_cache
