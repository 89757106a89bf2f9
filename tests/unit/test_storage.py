"""Artefact stores: keys that cannot leave the store, atomic local files, prefix deletes, the
database adapter, and `cached` never leaving an artefact of a record erased meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitsvc.db import make_engine
from fitsvc.migrate import upgrade
from fitsvc.storage import (
    DatabaseStore,
    LocalDirStore,
    NoStore,
    artefact_key,
    build_store,
    cached,
    check_key,
)


@pytest.fixture(params=["local", "database"])
def store(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "local":
        return LocalDirStore(tmp_path / "artefacts")
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    upgrade(engine)
    return DatabaseStore(engine)


@pytest.mark.parametrize("bad", ["../etc/passwd", "/abs/x/y", "t/../x", "t/.hidden/x", "t",
                                 "t//x", "t/x/", "t/x y", "t\\x/y", "t/" + "x" * 200 + "/y"])
def test_keys_that_could_leave_the_store_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        check_key(bad)


def test_put_get_overwrite_and_delete_by_prefix(store) -> None:
    a = artefact_key("shop", "scans", "s1", "overlay.png")
    b = artefact_key("shop", "scans", "s1", "avatar.glb")
    other = artefact_key("shop", "scans", "s10", "overlay.png")  # same text prefix, not folder
    assert store.get(a) is None
    for k in (a, b, other):
        store.put(k, k.encode())
    store.put(a, b"new")
    assert store.get(a) == b"new" and store.get(b) == b.encode()
    assert store.delete_prefix("shop/scans/s1/") == 2
    assert store.get(a) is None and store.get(b) is None
    assert store.get(other) == other.encode()
    assert store.delete_prefix("shop/scans/s1/") == 0
    with pytest.raises(ValueError):
        store.delete_prefix("shop/scans/s1")  # a prefix must name a folder


def test_local_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    store = LocalDirStore(tmp_path)
    key = artefact_key("shop", "patterns", "p1", "pattern.pdf")
    store.put(key, b"%PDF-1.7")
    assert [p.name for p in (tmp_path / "shop" / "patterns" / "p1").iterdir()] == ["pattern.pdf"]


def test_cached_renders_once_and_drops_what_an_erasure_raced_past(store) -> None:
    key = artefact_key("shop", "scans", "s1", "avatar.glb")
    sibling = artefact_key("shop", "scans", "s1", "avatar.obj")
    calls = []

    def make() -> dict[str, bytes]:
        calls.append(1)
        return {key: b"glb", sibling: b"obj"}

    assert cached(store, key, make, lambda: True) == b"glb"
    assert cached(store, sibling, make, lambda: True) == b"obj" and len(calls) == 1
    store.delete_prefix("shop/scans/s1/")
    assert cached(store, key, make, lambda: False) == b"glb"  # answered, but not kept
    assert store.get(key) is None and store.get(sibling) is None


def test_build_store_picks_the_configured_adapter(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    local = build_store({"ARTEFACT_STORE": "local"}, engine)
    assert isinstance(local, LocalDirStore) and local.root == tmp_path / "artefacts"
    assert isinstance(build_store({"ARTEFACT_STORE": "database"}, engine), DatabaseStore)
    assert isinstance(build_store({"ARTEFACT_STORE": "none"}, engine), NoStore)
    with pytest.raises(ValueError):
        build_store({"ARTEFACT_STORE": "s3"}, engine)
