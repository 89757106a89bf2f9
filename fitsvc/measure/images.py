"""Photo intake: decode safely, honour EXIF orientation, drop metadata, image-level gates.

Hostile files are refused from their header, before any pixel is decoded: only the formats
a phone sends are even tried (JPEG/MPO, HEIC, PNG, WebP; never SVG, PDF, GIF or TIFF), more
than ``max_pixels`` pixels (a decompression bomb), a short side under ``min_side``, a strip
narrower than 1:``MAX_ASPECT`` and a JPEG with more than ``MAX_JPEG_SCANS`` scans (each scan
is another pass over the whole image: a scan bomb) are all a :class:`PhotoRejected`. A large
JPEG is decoded at 1/2, 1/4 or 1/8 scale (Pillow's draft mode), never below the
``MAX_SIDE_FOR_PROCESSING`` the measurement pipeline works at.
"""

from __future__ import annotations

import io
import math
import struct
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError
from pillow_heif import register_heif_opener

from fitsvc.errors import PhotoRejected
from fitsvc.measure.perspective import exif_focal_35mm

register_heif_opener()  # Pillow reads HEIC/HEIF (iPhone photos) once this codec is registered
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")  # Pillow's JPEG opener also reads MPO
FORMATS_HINT = "Upload a JPEG, HEIC, PNG or WebP photo."
MAX_SIDE_FOR_PROCESSING = 1600  # what the segmentation and the readings work at (long side)
MAX_ASPECT = 4.0  # a phone photo is 4:3 or 16:9; a strip longer than 4:1 is not a photo
MAX_JPEG_SCANS = 100  # baseline 1, progressive ~10; a few more for thumbnails and MPO frames
# What Pillow and pillow-heif raise for bytes that are not wholly an image of the formats
# tried: UnidentifiedImageError (an OSError), OSError (truncated, decoder errors), and
# SyntaxError/EOFError/ValueError/struct.error from parsers. Anything else stays a 500.
DECODE_ERRORS = (OSError, SyntaxError, EOFError, ValueError, struct.error)
# Pillow's own bomb check inside Image.open (an error above ~179 MP; the warning above ~89 MP
# is an error only where warnings are made errors), and ours after decoding a HEIC
BOMB_ERRORS = (Image.DecompressionBombError, Image.DecompressionBombWarning)
_MAGIC = ((b"\xff\xd8\xff", "a JPEG image"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
          (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive"), (b"II*\x00", "a TIFF image"),
          (b"MM\x00*", "a TIFF image"), (b"BM", "a BMP image"), (b"<", "an SVG, HTML or XML document"))
_WIDE_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I")


@dataclass(frozen=True)
class Photo:
    """A decoded photo: upright RGB uint8 (H, W, 3) without metadata, and the one thing kept
    from its EXIF, the 35 mm-equivalent focal length (None when unknown)."""

    rgb: np.ndarray
    focal_35mm: float | None


def sniff(data: bytes) -> str:
    """What the bytes look like, for messages only (never used to pick a decoder)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        return "an empty file"
    if head[4:8] == b"ftyp":
        return "a HEIC or AVIF image"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    return next((name for magic, name in _MAGIC if head.startswith(magic)), "unknown data")


def open_image(data: bytes, formats: tuple[str, ...]) -> Image.Image:
    """Read the header only (no pixel is decoded yet), trying only ``formats``."""
    return Image.open(io.BytesIO(data), formats=list(formats))


def header_problem(img: Image.Image, data: bytes, *, min_side: int, max_pixels: int,
                   noun: str = "photo") -> tuple[str, str, str] | None:
    """(code, what, hint) when the header alone shows the image must be refused."""
    w, h = img.size
    if w * h > max_pixels:
        return ("image_too_large", f"{w}×{h} px is more than we accept",
                f"Send the {noun} as the phone takes it (up to {max_pixels / 1e6:g} megapixels).")
    if min(w, h) < min_side:
        return ("image_too_small", f"{w}×{h} px is too small to measure",
                f"Use a {noun} at least {min_side} px on its shorter side.")
    if max(w, h) > MAX_ASPECT * min(w, h):
        return ("image_too_narrow", f"{w}×{h} px is a strip, not a whole {noun}",
                f"Send the {noun} as the camera took it, not cropped to a narrow strip.")
    if img.format in ("JPEG", "MPO") and data.count(b"\xff\xda") > MAX_JPEG_SCANS:
        return ("image_too_complex", f"the JPEG has more than {MAX_JPEG_SCANS} scans",
                f"Send the {noun} as the phone saved it, not re-encoded.")
    return None


def eight_bit(img: Image.Image) -> Image.Image:
    """16- or 32-bit integer grey as 8-bit "L", scaled (convert() would clip); else as is."""
    if img.mode not in _WIDE_MODES:
        return img
    wide = np.asarray(img)
    if wide.dtype != np.uint16:
        wide = np.clip(wide, 0, 65535).astype(np.uint16)
    return Image.fromarray((wide >> 8).astype(np.uint8), "L")


def read_exif(img: Image.Image) -> Image.Exif:
    """The photo's EXIF; empty when it is unreadable (the pixels may still be fine)."""
    try:
        return img.getexif()
    except DECODE_ERRORS:
        return Image.Exif()


def orientation(exif: Image.Exif) -> int:
    """The EXIF orientation (1–8; 1 when absent or out of range)."""
    value = exif.get(0x0112, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


# EXIF orientation → the flips and turns that make it upright (as ImageOps.exif_transpose)
_UPRIGHT = {
    2: lambda a: a[:, ::-1], 3: lambda a: a[::-1, ::-1], 4: lambda a: a[::-1],
    5: lambda a: a.swapaxes(0, 1), 6: lambda a: np.rot90(a, -1),
    7: lambda a: a.swapaxes(0, 1)[::-1, ::-1], 8: lambda a: np.rot90(a, 1),
}


def upright(rgb: np.ndarray, orient: int) -> np.ndarray:
    turn = _UPRIGHT.get(orient)  # flips and transposes are views: one copy at the end
    return rgb if turn is None else np.ascontiguousarray(turn(rgb))


def _draft(img: Image.Image) -> None:
    """Decode a large JPEG at 1/2, 1/4 or 1/8 scale directly (never below the working size)."""
    w, h = img.size
    if img.format in ("JPEG", "MPO") and max(w, h) > MAX_SIDE_FOR_PROCESSING:
        f = MAX_SIDE_FOR_PROCESSING / max(w, h)
        img.draft("RGB", (math.ceil(w * f), math.ceil(h * f)))


def _load(img: Image.Image, max_pixels: int) -> None:
    """Decode the pixels. libheif's errors (a corrupt HEIC, or over libheif's own limits) come
    as RuntimeError: a damaged file. A HEIC's size may change while decoding: checked again."""
    try:
        img.load()
    except RuntimeError as exc:
        if img.format != "HEIF":
            raise
        raise OSError(f"HEIF decoding failed: {exc}") from None
    if img.size[0] * img.size[1] > max_pixels:
        raise Image.DecompressionBombError(f"{img.size} decoded from a smaller header")


def decode_photo(
    data: bytes, *, view: str, min_side: int = 256, max_pixels: int = 40_000_000
) -> Photo:
    """Bytes → :class:`Photo`, or a PhotoRejected."""
    try:
        img = open_image(data, PHOTO_FORMATS)
        problem = header_problem(img, data, min_side=min_side, max_pixels=max_pixels)
        if problem is not None:
            code, what, hint = problem
            raise _reject(code, view, what, hint)
        _draft(img)
        _load(img, max_pixels)
        exif = read_exif(img)
        img = eight_bit(img)
        rgb = np.asarray(img if img.mode == "RGB" else img.convert("RGB"), dtype=np.uint8)
    except PhotoRejected:
        raise
    except BOMB_ERRORS:
        raise _reject("image_too_large", view, "the image has too many pixels",
                      f"Send the photo as the phone takes it (up to {max_pixels / 1e6:g} "
                      "megapixels).") from None
    except UnidentifiedImageError:
        raise _reject("unsupported_format", view,
                      f"the upload is {sniff(data)}, not a photo we can read", FORMATS_HINT) from None
    except DECODE_ERRORS as exc:
        raise _reject("unsupported_format", view, f"the image is damaged or truncated ({exc})",
                      "Upload the photo again; the file did not arrive complete.") from None
    return Photo(_limit_size(upright(rgb, orientation(exif))), exif_focal_35mm(exif))


def _limit_size(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    scale = MAX_SIDE_FOR_PROCESSING / max(h, w)
    if scale >= 1.0:
        return rgb
    size = (round(w * scale), round(h * scale))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


@dataclass(frozen=True)
class GrayCopy:
    """A grey copy of a photo, 640 px on its longer side, and its Laplacian (detail)."""

    gray: np.ndarray
    laplacian: np.ndarray


def small_gray(rgb: np.ndarray, side: int = 640) -> GrayCopy:
    """Exposure and blur are judged on this copy (resized first, converted after: the same
    luma at a fraction of the cost)."""
    f = min(side / max(rgb.shape[:2]), 1.0)
    small = rgb if f == 1.0 else cv2.resize(rgb, (0, 0), fx=f, fy=f, interpolation=cv2.INTER_AREA)
    gray = np.asarray(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
    return GrayCopy(gray, np.asarray(cv2.Laplacian(gray, cv2.CV_32F)))


def check_exposure(small: GrayCopy, *, view: str) -> list[str]:
    """Before detection: refuse only a photo too dark or blurred for anyone to be found
    (nearly black, or no detail at all); people are judged on themselves afterwards."""
    counts = np.bincount(small.gray.ravel(), minlength=256)
    p99 = int(np.searchsorted(np.cumsum(counts), 0.99 * small.gray.size))
    if p99 < 30:
        raise _reject("too_dark_or_blurred", view, "the photo is too dark",
                      "Take the photo in a brighter room or facing a window.")
    if float(small.laplacian.var()) < 2:
        raise _reject("too_dark_or_blurred", view, "the photo is too blurred",
                      "Hold the phone still (or use a timer) and make sure it focuses.")
    return []


def person_exposure(small: GrayCopy, mask: np.ndarray) -> dict[str, float]:
    """Brightness (mean luma 0–255) and sharpness (Laplacian variance) of the person alone,
    the background excluded."""
    gray = small.gray
    m = cv2.resize(mask.astype(np.uint8), (gray.shape[1], gray.shape[0]),
                   interpolation=cv2.INTER_NEAREST).astype(bool)
    if m.sum() < 50:
        return {"brightness": float(gray.mean()), "sharpness": 0.0}
    inner = cv2.erode(m.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    region = inner if inner.sum() > 50 else m
    return {"brightness": round(float(gray[m].mean()), 2),
            "sharpness": round(float(small.laplacian[region].var()), 2)}


def check_person_exposure(stats: dict[str, float], *, view: str) -> list[str]:
    """Refuse a person too dark or blurred to outline; warn when borderline."""
    if stats["brightness"] < 22:
        raise _reject("too_dark_or_blurred", view, "you are too dark in the photo",
                      "Turn on a light or face a window; avoid standing against the light.")
    if stats["sharpness"] < 3:
        raise _reject("too_dark_or_blurred", view, "the photo is too blurred",
                      "Hold the phone still (or use a timer) and make sure it focuses.")
    warns = []
    if stats["brightness"] < 50:
        warns.append(f"{view}_photo_dim")
    if stats["sharpness"] < 10:
        warns.append(f"{view}_photo_soft")
    return warns


def _reject(code: str, view: str, what: str, hint: str) -> PhotoRejected:
    return PhotoRejected(f"{view} photo: {what}", code=code, hint=hint, details={"view": view})
