"""Photo intake: decode safely, honour EXIF orientation, drop metadata, image-level gates."""

from __future__ import annotations

import io
import warnings

import cv2
import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from fitsvc.errors import PhotoRejected

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO"}
MAX_SIDE_FOR_PROCESSING = 1600


def decode_photo(
    data: bytes, *, view: str, min_side: int = 256, max_pixels: int = 40_000_000
) -> np.ndarray:
    """Bytes → upright RGB uint8 array (H, W, 3) without metadata, or a PhotoRejected."""
    if not data:
        raise _reject("unsupported_format", view, "the file is empty",
                      "Upload a JPEG, PNG or WebP photo.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            fmt = img.format or ""
            w, h = img.size
            if fmt not in ACCEPTED_FORMATS:
                raise _reject("unsupported_format", view, f"{fmt or 'unknown'} images are not accepted",
                              "Upload a JPEG, PNG or WebP photo.")
            if w * h > max_pixels:
                raise _reject("image_too_large", view, f"{w}×{h} px is more than we accept",
                              "Send the photo as your phone takes it (up to 40 megapixels).")
            if min(w, h) < min_side:
                raise _reject("image_too_small", view, f"{w}×{h} px is too small to measure",
                              f"Use a photo at least {min_side} px on its shorter side.")
            img.load()
            upright = ImageOps.exif_transpose(img)
            rgb = np.asarray(upright.convert("RGB"), dtype=np.uint8)
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _reject("image_too_large", view, "the image has too many pixels",
                      "Send the photo as your phone takes it (up to 40 megapixels).") from None
    except UnidentifiedImageError:
        raise _reject("unsupported_format", view, "the file is not an image we can read",
                      "Upload a JPEG, PNG or WebP photo.") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise _reject("unsupported_format", view, f"the image is damaged or truncated ({exc})",
                      "Upload the photo again; the file did not arrive complete.") from None
    return _limit_size(rgb)


def _limit_size(rgb: np.ndarray) -> np.ndarray:
    h, w = rgb.shape[:2]
    scale = MAX_SIDE_FOR_PROCESSING / max(h, w)
    if scale >= 1.0:
        return rgb
    size = (round(w * scale), round(h * scale))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def check_exposure(rgb: np.ndarray, *, view: str) -> list[str]:
    """Reject very dark or blurred photos; return soft warnings for borderline ones."""
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    small = cv2.resize(gray, (0, 0), fx=640 / max(gray.shape), fy=640 / max(gray.shape),
                       interpolation=cv2.INTER_AREA)
    brightness = float(small.mean())
    sharpness = float(cv2.Laplacian(small, cv2.CV_64F).var())
    if brightness < 35:
        raise _reject("too_dark_or_blurred", view, "the photo is too dark",
                      "Take the photo in a brighter room or facing a window.")
    if sharpness < 8:
        raise _reject("too_dark_or_blurred", view, "the photo is too blurred",
                      "Hold the phone still (or use a timer) and make sure it focuses.")
    warns = []
    if brightness < 60:
        warns.append(f"{view}_photo_dim")
    if sharpness < 20:
        warns.append(f"{view}_photo_soft")
    return warns


def _reject(code: str, view: str, what: str, hint: str) -> PhotoRejected:
    return PhotoRejected(f"{view} photo: {what}", code=code, hint=hint, details={"view": view})
