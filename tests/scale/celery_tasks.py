"""A small registered job for the scale tests: sleeps in steps, reports progress, logs runs."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from fitsvc.jobs import JobContext, task

KIND = "test_sleep"


@task(KIND)
def sleep_task(ctx: JobContext, params: dict[str, Any]) -> dict[str, Any]:
    runs = Path(params["runs_log"])
    with runs.open("a") as f:
        f.write(f"start {ctx.job_id} {os.getpid()}\n")  # in order: the log shows overlaps
    steps = int(params.get("steps", 5))
    for i in range(steps):
        ctx.check_cancelled()
        time.sleep(float(params.get("step_s", 0.2)))
        ctx.progress(step=i + 1, of=steps, pid=os.getpid())
    with runs.open("a") as f:
        f.write(f"end {ctx.job_id} {os.getpid()}\n")
    return {"pid": os.getpid(), "steps": steps}
