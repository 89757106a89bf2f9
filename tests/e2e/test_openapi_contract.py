"""Contract test: schemathesis fuzzes every operation of /openapi.json through the WSGI app.

Each operation gets schema-valid (positive) and schema-breaking (negative) requests with an
admin key; then requests with real ids in the path (a scan, an item, a pattern, a marker, a
fit model) and fuzzed bodies blended with valid ones, so that success responses are checked
too; the operations customers may call run again with a customer token. Every response must
not be a 5xx, must have a documented status and content type, and its body must match the
documented schema. Derandomized: the same cases on every run.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis  # a dev dependency (pyproject.toml)

from tests.e2e.contract_seed import ContractApp, make_contract_app, seed

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

MIN_CASES = 1000
POSITIVE, NEGATIVE, REAL, AS_CUSTOMER = 40, 15, 25, 10  # cases per operation and pass
MARKER_SECONDS = 2  # fuzzed marker jobs nest at most this long (and are cancelled at once)


def _checks() -> list[Any]:
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    return [not_a_server_error, status_code_conformance, content_type_conformance,
            response_schema_conformance]


@pytest.fixture(scope="module")
def contract(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContractApp]:
    contract = seed(make_contract_app(tmp_path_factory.mktemp("contract")))
    yield contract
    contract.close()


def _blend(strategy: Any, templates: list[Any]) -> Any:
    """A valid body with some of its fields replaced by fuzzed ones (a bitmask picks which),
    or a valid CSV followed by fuzzed lines."""
    from hypothesis import strategies as st

    def merge(drawn: tuple[Any, Any, int]) -> Any:
        case, template, mask = drawn
        if isinstance(case.body, dict) and isinstance(template, dict):
            fuzzed = [k for i, k in enumerate(sorted(case.body)) if mask >> i & 1]
            case.body = {**template, **{k: case.body[k] for k in fuzzed}}
        elif isinstance(case.body, str) and isinstance(template, str):
            case.body = template + case.body
        return case

    return st.tuples(strategy, st.sampled_from(templates), st.integers(0, 255)).map(merge)


def _bounded(case: Any) -> None:
    body = case.body
    if case.operation.label == "POST /v1/markers" and isinstance(body, dict):
        seconds = body.get("seconds")
        if isinstance(seconds, int | float) and not isinstance(seconds, bool):
            body["seconds"] = min(seconds, MARKER_SECONDS)


class Fuzz:
    """Runs schemathesis cases and tallies (operation, status); collects failures."""

    def __init__(self, contract: ContractApp) -> None:
        self.contract = contract
        self.seen: Counter = Counter()
        self.failures: list[str] = []
        self.checks = _checks()

    def run(self, op: Any, mode: Any, examples: int, credential: str, blend: bool = False,
            **fixed: Any) -> None:
        from hypothesis import HealthCheck, Phase, given, settings
        from schemathesis.core.failures import FailureGroup

        strategy = op.as_strategy(generation_mode=mode, **fixed)
        templates = self.contract.bodies.get(op.label) if blend else None
        if templates:
            strategy = _blend(strategy, templates)
        headers = {"Authorization": f"Bearer {credential}"}

        @settings(max_examples=examples, derandomize=True, deadline=None, database=None,
                  phases=[Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def fuzz(case: Any) -> None:
            _bounded(case)
            response = case.call_and_validate(headers=headers, checks=self.checks)
            self.seen[(op.label, response.status_code)] += 1
            if op.label == "POST /v1/markers" and response.status_code == 202:
                job = response.json()["id"]
                self.contract.client(self.contract.admin_key).delete(f"/v1/markers/{job}")

        try:
            fuzz()
        except (Exception, FailureGroup) as exc:  # every operation's first failure, then fail
            where = f"{mode}{', blended' if templates else ''}{', ' + str(fixed) if fixed else ''}"
            self.failures.append(f"{op.label} [{where}]: {exc}")


def _operations(schema: Any) -> list[Any]:
    """Deletes last, so that the real ids live until everything else has used them."""
    ops = [result.ok() for result in schema.get_all_operations()]
    return sorted(ops, key=lambda op: op.method.upper() == "DELETE")


def test_every_operation_honours_its_documented_contract(contract: ContractApp) -> None:
    from schemathesis import GenerationMode

    schema = schemathesis.openapi.from_wsgi("/openapi.json", contract.app)
    fuzz = Fuzz(contract)
    started = time.monotonic()
    for op in _operations(schema):
        fuzz.run(op, GenerationMode.POSITIVE, POSITIVE, contract.admin_key)
        fuzz.run(op, GenerationMode.NEGATIVE, NEGATIVE, contract.admin_key)
        real = contract.path_parameters(op.path)
        if real or op.label in contract.bodies:
            fuzz.run(op, GenerationMode.POSITIVE, REAL, contract.admin_key, blend=True,
                     **({"path_parameters": real} if real else {}))
        if contract.customer_may(op.method, op.path):
            fuzz.run(op, GenerationMode.POSITIVE, AS_CUSTOMER, contract.customer_token,
                     blend=True, **({"path_parameters": real} if real else {}))
    elapsed = time.monotonic() - started
    assert not fuzz.failures, "\n\n".join(fuzz.failures)
    total = sum(fuzz.seen.values())
    operations = {label for label, _ in fuzz.seen}
    succeeded = {label for label, status in fuzz.seen if status < 300}
    report = "\n".join(f"{label}: {status} x{n}" for (label, status), n in sorted(fuzz.seen.items()))
    print(f"\nschemathesis: {total} cases over {len(operations)} operations in {elapsed:.0f} s"
          f"\n{report}")
    assert operations == {op.label for op in _operations(schema)}, "an operation had no case"
    assert total >= MIN_CASES, report
    assert len(succeeded) >= 0.9 * len(operations), ("too few operations reached a success "
                                                     f"response: {sorted(succeeded)}")
