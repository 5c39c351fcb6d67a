"""The trained Rasa model: trained only when its inputs change, cached across clones.

The key is a hash of config.yml, domain.yml, nlu/, stories/, engine_ext/ and the engine's lock
file; models live in the shared cache so a fresh clone (CI's) reuses one trained before.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bot.common.settings import ROOT

MODEL_INPUTS = ["config.yml", "domain.yml", "nlu", "stories", "engine_ext", "requirements/engine.lock"]


def training_fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if not file.exists() or "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:20]


def cached_model(cache_dir: Path, root: Path = ROOT) -> Path:
    return cache_dir / "models" / f"gridbot-{training_fingerprint(root)}.tar.gz"


def ensure_model(cache_dir: Path, root: Path = ROOT, *, echo=print) -> Path:  # noqa: ANN001
    """Return the model for the current inputs, training it first if there is none."""
    target = cached_model(cache_dir, root)
    if target.exists():
        echo(f"model up to date: {target.name}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    echo("training the model (config, domain, nlu or stories changed) ...")
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        # `make validate` (and CI before the tests) runs Rasa's data checks; repeating them here
        # was about a third of a training's wall time once the models became linear.
        cmd = [str(root / "bin" / "rasa"), "train", "--data", "nlu", "stories", "--out", tmp,
               "--fixed-model-name", "model", "--skip-validation"]
        result = subprocess.run(cmd, cwd=root, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
        if result.returncode != 0:
            raise RuntimeError(f"rasa train failed with exit code {result.returncode}")
        produced = Path(tmp) / "model.tar.gz"
        if not produced.exists():
            raise RuntimeError("rasa train produced no model")
        shutil.move(str(produced), target)
    echo(f"model trained: {target}")
    return target
