"""Save / load the committed RTR artefact (models/fit/) with its meta.json."""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from fitsvc.fit.rtr_model import RtrFitModel

ROOT = Path(__file__).resolve().parents[2]
MODEL_DIR = ROOT / "models" / "fit"
ARTEFACT = "fit_gbm.joblib"


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    import scipy
    import sklearn

    return {"python": platform.python_version(), "numpy": np.__version__,
            "scikit-learn": sklearn.__version__, "scipy": scipy.__version__,
            "joblib": joblib.__version__}


def save(model: RtrFitModel, out_dir: str | Path, meta: dict[str, Any]) -> Path:
    """Write the model (history sums as float32) and meta.json; returns the artefact path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for stats in model.stats_.values():
        stats.sums = stats.sums.astype(np.float32)
    path = out / ARTEFACT
    joblib.dump(model, path, compress=("zlib", 6))
    full = {**meta, "artefact": ARTEFACT, "artefact_sha256": sha256_file(path),
            "features": list(model.feature_names_), "library_versions": library_versions()}
    (out / "meta.json").write_text(json.dumps(full, indent=2) + "\n")
    return path


_CACHE: dict[str, RtrFitModel] = {}


def load(model_dir: str | Path = MODEL_DIR) -> RtrFitModel:
    """Load (and cache) the artefact of a model folder."""
    path = str(Path(model_dir) / ARTEFACT)
    if path not in _CACHE:
        model = joblib.load(path)
        if not isinstance(model, RtrFitModel):
            raise TypeError(f"{path} does not hold an RtrFitModel")
        _CACHE[path] = model
    return _CACHE[path]
