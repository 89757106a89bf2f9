"""Load benchmark against gunicorn on loopback: req/s, p50/p99 and errors per workload, and the
throughput ratio to the trivial GET /healthz on the same server.

Phases run one after another, each alone, for the same duration: /healthz, fit queries
(POST /v1/fit), item reads (GET /v1/items/{id}) and scans (POST /v1/scans, multipart photos).
The server gets a temporary SQLite database and secret key file; rate limits are off.

Run: .venv/bin/python bench/load.py [--seconds 60] [--concurrency 4] [--workers 2]
     [--phases healthz,fit,items,scans] [--json PATH]
Exit status 1 when any request failed (transport error or unexpected status).
Target (issue 15): fit ≥ 50 % of /healthz throughput, 0 errors over a 5-minute run
(`--seconds 300`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CATALOG = ROOT / "sample_data" / "catalog" / "items.json"
CAPTURE = ROOT / "sample_data" / "captures" / "L7001-00000"
SCAN_HEIGHT_CM = "156.6"
BASELINE = "healthz"
PHASES = ("healthz", "fit", "items", "scans")
COLUMNS = ("endpoint", "requests", "req/s", "p50 ms", "p99 ms", "errors", "ratio")


# ---------------------------------------------------------------- pure helpers (unit-tested)

def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of `values`; NaN when empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0..100")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return float(ordered[rank - 1])


def summarize(endpoint: str, latencies_ms: Sequence[float], errors: int,
              seconds: float) -> dict[str, Any]:
    """One table row: successful requests, their rate, p50/p99 latency and the error count."""
    n = len(latencies_ms)
    return {"endpoint": endpoint, "requests": n,
            "rps": n / seconds if seconds > 0 else math.nan,
            "p50_ms": percentile(latencies_ms, 50), "p99_ms": percentile(latencies_ms, 99),
            "errors": errors}


def add_ratios(rows: list[dict[str, Any]], baseline: str = BASELINE) -> list[dict[str, Any]]:
    """Each row's req/s divided by the baseline row's (None without a usable baseline)."""
    base = next((r["rps"] for r in rows if r["endpoint"] == baseline), None)
    for r in rows:
        r["ratio"] = (r["rps"] / base) if base and base > 0 and not math.isnan(base) else None
    return rows


def _cell(value: Any, digits: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def format_table(rows: Sequence[dict[str, Any]]) -> str:
    """A Markdown table of the rows (endpoint, requests, req/s, p50, p99, errors, ratio)."""
    cells = [[r["endpoint"], _cell(r["requests"], 0), _cell(r["rps"], 1),
              _cell(r["p50_ms"], 1), _cell(r["p99_ms"], 1), _cell(r["errors"], 0),
              _cell(r.get("ratio"), 3)] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(COLUMNS)]

    def line(vals: Sequence[str]) -> str:
        padded = (v.ljust(w) if i == 0 else v.rjust(w)
                  for i, (v, w) in enumerate(zip(vals, widths, strict=True)))
        return "| " + " | ".join(padded) + " |"

    sep = "|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2))
                         for i, w in enumerate(widths)) + "|"
    return "\n".join([line(COLUMNS), sep, *(line(c) for c in cells)])


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type (files: name -> (filename, data, type))."""
    boundary = "fitsvc-bench-" + secrets.token_hex(8)
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, data, ctype) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def verdict(rows: Sequence[dict[str, Any]], target: float = 0.5) -> str:
    """One line on the issue's target: fit ≥ target × /healthz req/s and no errors."""
    fit = next((r for r in rows if r["endpoint"] == "fit"), None)
    errors = sum(r["errors"] for r in rows)
    parts = [f"errors: {errors}"]
    if fit is not None and fit.get("ratio") is not None:
        ok = fit["ratio"] >= target
        parts.append(f"fit/healthz {fit['ratio']:.2f} ({'meets' if ok else 'misses'} "
                     f"≥ {target:.2f})")
    return "; ".join(parts)


# ---------------------------------------------------------------- client

Request = tuple[str, str, bytes | None, dict[str, str], int]  # method, path, body, headers, ok


def run_phase(port: int, make_request: Callable[[int], Request], seconds: float,
              concurrency: int, timeout: float) -> tuple[list[float], int, float, list[str]]:
    """`concurrency` threads, each with one keep-alive connection, send requests until
    `seconds` pass. Returns (latencies of successes in ms, errors, elapsed s, sample errors)."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    samples: list[str] = []
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        mine: list[float] = []
        bad = 0
        k = 0
        while time.perf_counter() < deadline:
            method, path, body, headers, expect = make_request(k)
            k += 1
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                bad += 1
                with lock:
                    if len(samples) < 5:
                        samples.append(f"{method} {path}: {type(exc).__name__}: {exc}")
                continue
            dt = (time.perf_counter() - t0) * 1000
            if status == expect:
                mine.append(dt)
            else:
                bad += 1
                with lock:
                    if len(samples) < 5:
                        samples.append(f"{method} {path}: HTTP {status} {data[:200]!r}")
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    t_start = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors[0], time.perf_counter() - t_start, samples


def call(port: int, method: str, path: str, body: bytes | None = None,
         headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- server

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"DATABASE_URL": f"sqlite:///{tmp / 'load.sqlite3'}",
                "FITSVC_SECRET_KEY_FILE": str(tmp / "secret_key"),
                "FITSVC_RATE_LIMIT": "", "FITSVC_RATE_LIMIT_SCANS": "",
                "FITSVC_DEMO": "0", "PYTHONPATH": str(ROOT)})
    return env


def prepare(env: dict[str, str]) -> str:
    """Migrate the database, make the secret key, and return a new storefront key."""
    py = sys.executable
    subprocess.run([py, "-m", "fitsvc.wsgi"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([py, "-m", "fitsvc.cli", "keys", "create", "--tenant", "bench",
                          "--role", "storefront", "--label", "bench/load.py"],
                         env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.split()[-1]


def start_gunicorn(env: dict[str, str], port: int, workers: int, log: Path,
                   wait_s: float = 120) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [str(gunicorn), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120",
           "fitsvc.wsgi:app"]
    with open(log, "wb") as fh:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}; see {log}")
        try:
            if call(port, "GET", "/healthz", timeout=2)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.3)
    stop(proc)
    raise RuntimeError(f"gunicorn did not answer /healthz within {wait_s:.0f} s")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# ---------------------------------------------------------------- workloads

def seed(port: int, key: str) -> tuple[list[str], str]:
    """Import the sample catalogue and make one estimate: (item ids, scan id)."""
    auth = {"Authorization": f"Bearer {key}"}
    status, body = call(port, "POST", "/v1/items/import", CATALOG.read_bytes(),
                        {**auth, "Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"import: HTTP {status} {body[:300]!r}")
    item_ids = [i["id"] for i in json.loads(CATALOG.read_text())["items"]]
    status, body = call(port, "POST", "/v1/estimates",
                        json.dumps({"height_cm": 170, "weight_kg": 65}).encode(),
                        {**auth, "Content-Type": "application/json"})
    if status != 201:
        raise RuntimeError(f"estimate: HTTP {status} {body[:300]!r}")
    return item_ids, json.loads(body)["id"]


def workloads(key: str, item_ids: list[str], scan_id: str,
              fit_items: int) -> dict[str, Callable[[int], Request]]:
    auth = {"Authorization": f"Bearer {key}"}
    fit_body = json.dumps({"scan_id": scan_id, "item_ids": item_ids[:fit_items]}).encode()
    fit_headers = {**auth, "Content-Type": "application/json"}
    scan_body, scan_type = multipart(
        {"height_cm": SCAN_HEIGHT_CM},
        {"front": ("front.jpg", (CAPTURE / "front.jpg").read_bytes(), "image/jpeg"),
         "side": ("side.jpg", (CAPTURE / "side.jpg").read_bytes(), "image/jpeg")})
    scan_headers = {**auth, "Content-Type": scan_type}
    return {
        "healthz": lambda k: ("GET", "/healthz", None, {}, 200),
        "fit": lambda k: ("POST", "/v1/fit", fit_body, fit_headers, 200),
        "items": lambda k: ("GET", f"/v1/items/{item_ids[k % len(item_ids)]}", None, auth, 200),
        "scans": lambda k: ("POST", "/v1/scans", scan_body, scan_headers, 201),
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=60, help="measured seconds per phase")
    ap.add_argument("--warmup", type=float, default=3, help="unmeasured seconds before each")
    ap.add_argument("--concurrency", type=int, default=4, help="client threads per phase")
    ap.add_argument("--scan-concurrency", type=int, default=2,
                    help="client threads in the scan phase (a scan is ~1 s of CPU)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--fit-items", type=int, default=3, help="item ids per fit query")
    ap.add_argument("--phases", default=",".join(PHASES),
                    help=f"comma list out of {','.join(PHASES)} (healthz gives the ratio)")
    ap.add_argument("--timeout", type=float, default=60, help="per-request timeout, s")
    ap.add_argument("--json", type=Path, help="write the rows and settings here")
    args = ap.parse_args(argv)
    phases = [p.strip() for p in args.phases.split(",") if p.strip()]
    unknown = sorted(set(phases) - set(PHASES))
    if unknown:
        ap.error(f"unknown phases: {', '.join(unknown)}")

    rows: list[dict[str, Any]] = []
    samples: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="fitsvc-load-") as tmpdir:
        tmp = Path(tmpdir)
        env = server_env(tmp)
        key = prepare(env)
        port = free_port()
        log = tmp / "gunicorn.log"
        proc = start_gunicorn(env, port, args.workers, log)
        try:
            item_ids, scan_id = seed(port, key)
            reqs = workloads(key, item_ids, scan_id, args.fit_items)
            for name in phases:
                conc = args.scan_concurrency if name == "scans" else args.concurrency
                if args.warmup > 0:
                    run_phase(port, reqs[name], args.warmup, conc, args.timeout)
                lat, errs, elapsed, errs_seen = run_phase(port, reqs[name], args.seconds, conc,
                                                          args.timeout)
                row = summarize(name, lat, errs, elapsed)
                row["concurrency"] = conc
                rows.append(row)
                if errs_seen:
                    samples[name] = errs_seen
                print(f"{name}: {row['requests']} ok, {errs} errors, {row['rps']:.1f} req/s",
                      file=sys.stderr, flush=True)
        finally:
            stop(proc)
            if samples:
                print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
    add_ratios(rows)
    print(format_table(rows))
    print(verdict(rows))
    for name, lines in samples.items():
        for line in lines:
            print(f"error sample [{name}]: {line}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(
            {"settings": {"seconds": args.seconds, "warmup": args.warmup,
                          "concurrency": args.concurrency,
                          "scan_concurrency": args.scan_concurrency, "workers": args.workers,
                          "fit_items": args.fit_items, "cpus": os.cpu_count()},
             "rows": rows, "error_samples": samples}, indent=2) + "\n")
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
