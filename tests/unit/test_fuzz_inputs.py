"""Bounded fuzzing (hypothesis, derandomized): the photo and mask decoders and the catalog
import parser, fed random bytes and mutated valid files, may only answer with the documented
ServiceError subclasses (PhotoRejected; ServiceError with a code in docs/errors.md), never
with any other exception."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from fitsvc.errors import PhotoRejected, ServiceError
from fitsvc.fit.catalog import parse_import, validate_many
from fitsvc.measure.images import decode_photo
from fitsvc.measure.silhouette_scan import decode_mask
from fitsvc.safe_json import MAX_DEPTH, loads_strict, structure_problem
from tests.e2e.hostile_corpus import documented_codes, save

pytestmark = [pytest.mark.filterwarnings("ignore::UserWarning"),
              pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")]
FUZZ = settings(max_examples=250, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
CODES = documented_codes()


def _seeds() -> dict[str, bytes]:
    """Small valid files (48×64) of every kind the decoders read, with some texture, and a
    JPEG large enough to be decoded in draft mode (reduced)."""
    rng = np.random.default_rng(0)
    rgb = Image.fromarray((rng.integers(0, 64, (64, 48, 3)) + 96).astype(np.uint8))
    grey16 = Image.fromarray((rng.integers(0, 65535, (64, 48))).astype(np.uint16))
    mask = Image.fromarray(((rng.random((64, 48)) > 0.5) * 255).astype(np.uint8))
    return {"jpeg": save(rgb, "JPEG", quality=80), "png": save(rgb, "PNG"),
            "jpeg_progressive": save(rgb, "JPEG", progressive=True),
            "png16": save(grey16, "PNG"), "png_mask": save(mask, "PNG"),
            "png_palette": save(rgb.convert("P"), "PNG"), "webp": save(rgb, "WEBP"),
            "heic": save(rgb, "HEIF"), "mpo": save(rgb, "MPO", save_all=True, append_images=[rgb]),
            "jpeg_draft": save(rgb.resize((1800, 2400)), "JPEG", quality=30)}


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn, kinds: tuple[str, ...]) -> bytes:
    """A valid seed with 1–4 mutations: bit flips, truncation, inserted or overwritten
    chunks of random bytes, a duplicated slice."""
    data = bytearray(SEEDS[draw(st.sampled_from(kinds))])
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "truncate", "insert", "overwrite", "repeat"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if op == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 256))]
    return bytes(data)


def _photo(data: bytes) -> None:
    try:
        photo = decode_photo(data, view="front", min_side=16)
    except PhotoRejected as exc:
        assert exc.code in CODES and exc.status == 422
        return
    assert photo.rgb.dtype == np.uint8 and photo.rgb.ndim == 3 and photo.rgb.shape[2] == 3


def _mask(data: bytes) -> None:
    try:
        mask = decode_mask(data, "front")
    except PhotoRejected as exc:
        assert exc.code in CODES and exc.status == 422
        return
    assert mask.dtype == bool and mask.ndim == 2


@FUZZ
@given(st.binary(max_size=2048))
def test_decode_photo_random_bytes(data: bytes) -> None:
    _photo(data)


@FUZZ
@given(mutated(("jpeg", "jpeg_progressive", "png", "png16", "png_palette", "webp", "heic", "mpo",
                "jpeg_draft")))
def test_decode_photo_mutated_files(data: bytes) -> None:
    _photo(data)


@FUZZ
@given(st.one_of(st.binary(max_size=1024), mutated(("png_mask", "png", "png16", "png_palette"))))
def test_decode_mask_random_and_mutated(data: bytes) -> None:
    _mask(data)


def _import(data: bytes | str, fmt: str) -> None:
    try:
        validate_many(parse_import(data, fmt))
    except ServiceError as exc:
        assert exc.code in CODES and 400 <= exc.status < 500, exc.code


@FUZZ
@given(st.one_of(st.binary(max_size=2048), st.text(max_size=512)), st.sampled_from(["csv", "json"]))
def test_catalog_import_random_input(data: bytes | str, fmt: str) -> None:
    _import(data, fmt)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "item_id", "category", "fit_intent", "stretch", "chart_kind",
                         "sizes", "size", "chest", "waist", "items", "x"]), inner, max_size=5),
    max_leaves=30)
CELLS = st.one_of(st.text(max_size=12), st.sampled_from(["", "S", "M", "90", "-5", "1e999", "nan",
                                                         "=1+1", "dress", "a1"]))


@FUZZ
@given(JSON_VALUES)
def test_catalog_import_random_json_documents(doc: Any) -> None:
    _import(json.dumps(doc), "json")


@FUZZ
@given(st.lists(st.lists(CELLS, min_size=1, max_size=8), max_size=12))
def test_catalog_import_random_csv_tables(rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf).writerows([["item_id", "category", "size", "chest", "waist"], *rows])
    _import(buf.getvalue().encode(), "csv")


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@FUZZ
@given(st.recursive(st.integers() | st.text(alphabet='[]{}"\\ab', max_size=6),
                    lambda inner: st.lists(inner, max_size=2), max_leaves=80))
def test_structure_check_measures_the_real_depth(doc: Any) -> None:
    text = json.dumps(doc)
    assert (structure_problem(text) is None) == (_depth(doc) <= MAX_DEPTH)
    if _depth(doc) <= MAX_DEPTH:
        assert loads_strict(text) == doc


def test_nesting_just_over_the_limit_and_long_numbers() -> None:
    assert structure_problem("[" * MAX_DEPTH + "]" * MAX_DEPTH) is None
    assert structure_problem("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) is not None
    assert structure_problem('["' + "[" * 500 + '"]') is None  # inside a string
    assert structure_problem("[" + "7" * 5000 + "]") is not None
    assert structure_problem('["' + "7" * 5000 + '"]') is None
    for bad in ("[NaN]", "[1e400]", '{"a": 1, "a": 2}', "[" * 5000):
        with pytest.raises(ValueError):
            loads_strict(bad)
    assert math.isinf(json.loads("[1e400]")[0])  # what the stdlib alone would have accepted


def test_a_heic_that_libheif_refuses_while_decoding_is_unsupported_format() -> None:
    """Found by the fuzzer: one flipped bit in the HEVC configuration (hvcC) makes libheif
    decode a 64×5722 picture from a 48×64 header and refuse it; pillow-heif raises that as
    RuntimeError, which was a 500."""
    data = bytearray(SEEDS["heic"])
    data[data.index(b"hvcC") + 81] ^= 1
    with pytest.raises(PhotoRejected) as err:
        decode_photo(bytes(data), view="front", min_side=16)
    assert err.value.code == "unsupported_format"
