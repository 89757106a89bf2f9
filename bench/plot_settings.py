"""Picture of the held-out-settings figures (``bench/measure_settings.py --out …``).

One row per held-out setting: chest / waist / hip MAE of photo scans (front + side, height,
weight, sex) as bars, the no-photo baseline trained on the same people from the same height,
weight and sex as a black tick (like with like), and the 90 % interval coverage at the
right. Drawn with OpenCV. Also prints the figures as a Markdown table (photo, photo +
weight + sex, silhouette, no-photo baselines) with the averages over the settings.

    .venv/bin/python bench/plot_settings.py docs/img/measure_settings.png bench/results/settings_*.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import cv2
import numpy as np

GIRTHS = ("chest_girth", "waist_girth", "hip_girth")
COLOURS = ((60, 60, 220), (60, 150, 40), (220, 90, 50))  # BGR: chest red, waist green, hip blue


def table(res: dict[str, dict]) -> str:
    """Markdown: one row per held-out setting, MAE chest/waist/hip (coverage) per mode."""
    modes = ("photo", "photo+w+s", "silhouette", "no-photo lab", "no-photo ANSUR")
    lines = ["| held-out setting (people) | " + " | ".join(modes) + " |",
             "|---" * (len(modes) + 1) + "|"]

    def cell(r: dict) -> str:
        mae = " / ".join(f"{r[g]:.2f}" for g in GIRTHS)
        return mae + (f" ({r['coverage']:.2f})" if "coverage" in r else "")

    for name in sorted(res):
        lines.append(f"| {name} ({res[name]['people']}) | "
                     + " | ".join(cell(res[name][m]) for m in modes) + " |")
    mean = {m: {g: float(np.mean([res[n][m][g] for n in res])) for g in GIRTHS} for m in modes}
    for m in modes[:3]:
        mean[m]["coverage"] = float(np.mean([res[n][m]["coverage"] for n in res]))
    lines.append("| **average over settings** | " + " | ".join(cell(mean[m]) for m in modes) + " |")
    return "\n".join(lines)


def main(out: Path, sources: list[Path], mode: str = "photo+w+s") -> None:
    res = {k: v for src in sources for k, v in json.loads(src.read_text()).items()}
    print(table(res))
    rows = sorted(res)
    scale, left, bar, gap = 40.0, 260, 8, 10  # px per cm, label width, bar height, row gap
    h = 60 + len(rows) * (3 * bar + gap)
    img = np.full((h, left + int(12 * scale) + 140, 3), 255, np.uint8)
    for cm in range(0, 13):
        x = left + int(cm * scale)
        cv2.line(img, (x, 40), (x, h - 10), (225, 225, 225), 1)
        cv2.putText(img, str(cm), (x - 4, 32), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (80, 80, 80), 1)
    title = f"MAE cm, {mode} (bars: chest, waist, hip; tick: the same people without photos)"
    cv2.putText(img, title, (8, 16), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1)
    y = 44
    for name in rows:
        r = res[name]
        cv2.putText(img, f"{name} (n={r['people']})", (6, y + 2 * bar), cv2.FONT_HERSHEY_SIMPLEX,
                    0.4, (0, 0, 0), 1)
        for k, g in enumerate(GIRTHS):
            top = y + k * bar
            w = int(min(r[mode][g], 12) * scale)
            cv2.rectangle(img, (left, top), (left + w, top + bar - 2), COLOURS[k], -1)
            xb = left + int(min(r["no-photo lab"][g], 12) * scale)
            cv2.line(img, (xb, top - 1), (xb, top + bar - 1), (0, 0, 0), 2)
        cv2.putText(img, f"cov {r[mode]['coverage']:.2f}", (left + int(12 * scale) + 10, y + 2 * bar),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1)
        y += 3 * bar + gap
    out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(out), img)


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]])
