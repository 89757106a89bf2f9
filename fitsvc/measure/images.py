"""Photo intake: decode safely, honour EXIF orientation, drop metadata, image-level gates."""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from fitsvc.errors import PhotoRejected
from fitsvc.measure.perspective import exif_focal_35mm

register_heif_opener()  # Pillow reads HEIC/HEIF (iPhone photos) once this codec is registered
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO", "HEIF"}
FORMATS_HINT = "Upload a JPEG, HEIC, PNG or WebP photo."
MAX_SIDE_FOR_PROCESSING = 1600


@dataclass(frozen=True)
class Photo:
    """A decoded photo: upright RGB uint8 (H, W, 3) without metadata, and the one thing kept
    from its EXIF, the 35 mm-equivalent focal length (None when unknown)."""

    rgb: np.ndarray
    focal_35mm: float | None


def decode_photo(
    data: bytes, *, view: str, min_side: int = 256, max_pixels: int = 40_000_000
) -> Photo:
    """Bytes → :class:`Photo`, or a PhotoRejected."""
    if not data:
        raise _reject("unsupported_format", view, "the file is empty",
                      FORMATS_HINT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            fmt = img.format or ""
            w, h = img.size
            if fmt not in ACCEPTED_FORMATS:
                raise _reject("unsupported_format", view, f"{fmt or 'unknown'} images are not accepted",
                              FORMATS_HINT)
            if w * h > max_pixels:
                raise _reject("image_too_large", view, f"{w}×{h} px is more than we accept",
                              "Send the photo as your phone takes it (up to 40 megapixels).")
            if min(w, h) < min_side:
                raise _reject("image_too_small", view, f"{w}×{h} px is too small to measure",
                              f"Use a photo at least {min_side} px on its shorter side.")
            if fmt in ("JPEG", "MPO") and max(w, h) > MAX_SIDE_FOR_PROCESSING:
                # decode a 12 MP photo at 1/2, 1/4 or 1/8 scale directly (never below 1600 px)
                f = MAX_SIDE_FOR_PROCESSING / max(w, h)
                img.draft("RGB", (math.ceil(w * f), math.ceil(h * f)))
            img.load()
            exif = img.getexif()
            upright: Image.Image = img
            if exif.get(0x0112, 1) != 1:  # EXIF orientation: turn the pixels upright
                upright = ImageOps.exif_transpose(img)
            rgb = np.asarray(upright if upright.mode == "RGB" else upright.convert("RGB"),
                             dtype=np.uint8)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _reject("image_too_large", view, "the image has too many pixels",
                      "Send the photo as your phone takes it (up to 40 megapixels).") from None
    except UnidentifiedImageError:
        raise _reject("unsupported_format", view, "the file is not an image we can read",
                      FORMATS_HINT) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise _reject("unsupported_format", view, f"the image is damaged or truncated ({exc})",
                      "Upload the photo again; the file did not arrive complete.") from None
    return Photo(_limit_size(rgb), exif_focal_35mm(exif))


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
