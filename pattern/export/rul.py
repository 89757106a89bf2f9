"""ASTM/AAMA grade rule table (.RUL) writer."""

from __future__ import annotations

from datetime import datetime

from pattern.grade.grade import GradedRun


def to_rul(run: GradedRun, table_name: str, author: str = "fitsvc",
           now: datetime | None = None) -> str:
    """One (dx, dy) pair per size in SIZE LIST order, mm, relative to the sample size.

    dy is written y-up (DXF orientation), i.e. the negated drafting y.
    """
    now = now or datetime.now()
    lines = ["ASTM/D13Proposal 1 VERSION: D6673-10", f"AUTHOR: {author}",
             f"PRODUCT: {run.block}", f"CREATION DATE: {now:%d-%m-%Y}",
             f"CREATION TIME: {now:%H:%M:%S}", "UNITS: METRIC",
             f"GRADE RULE TABLE: {table_name}", f"NUMBER OF SIZES: {len(run.sizes)}",
             f"SIZE LIST: {' '.join(run.sizes)}", f"SAMPLE SIZE: {run.chart.sample_size}"]
    for rule in sorted(run.rules):
        lines.append(f"RULE: DELTA {rule}")
        pairs = [f"{dx:.2f}, {-dy + 0.0:.2f}" for dx, dy in run.rules[rule]]
        lines.append(" " + "   ".join(pairs))
    lines.append("END")
    return "\r\n".join(lines) + "\r\n"


def parse_rul(text: str) -> dict[str, object]:
    """Read a RUL back: header fields and {rule: [(dx, dy), ...]} (for tests/round trips)."""
    head: dict[str, object] = {}
    rules: dict[int, list[tuple[float, float]]] = {}
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("RULE: DELTA"):
            current = int(line.split()[-1])
        elif current is not None and line and line != "END":
            nums = [float(v) for v in line.replace(",", " ").split()]
            rules[current] = list(zip(nums[::2], nums[1::2], strict=True))
            current = None
        elif ":" in line:
            k, v = line.split(":", 1)
            head[k.strip()] = v.strip()
    head["rules"] = rules
    return head
