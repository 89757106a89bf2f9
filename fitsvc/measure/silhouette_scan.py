"""Silhouette scans: a phone app's binary person masks instead of photos.

An app that segments the person on the phone sends only the masks (PNG, person white on
black, any resolution, the whole camera frame); no photo of the customer leaves the phone.
The masks go through the same measurement path as a photo's segmentation; the gates that
make sense for a mask apply here:

- ``unsupported_format`` / ``image_too_small``: not a PNG, or the person under 200 px tall;
- ``image_too_large`` / ``image_too_narrow``: from the PNG's header, before decoding;
- ``no_person``: nothing white, or only specks;
- ``multiple_people``: a second blob at least a quarter the size of the first;
- ``body_cut_off``: the head or the feet run along the frame's edge (a head that only
  touches it is measured);
- ``wrong_view``: the front mask is a profile (narrow shoulders, one leg) or the side mask
  is a front view (two legs apart and wide shoulders) — fractions from the lab's masks;
- ``pose_not_suitable``: arms raised above the head (the top tenth of the outline is more
  than the head: wider than a quarter of the height, or split into several parts on a third
of its rows). Sitting
  is not told apart from a wide stance in a mask; a seated silhouette fails the
  plausibility check instead.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import UnidentifiedImageError

from fitsvc.errors import PhotoRejected
from fitsvc.measure import images
from fitsvc.measure.body_frame import frame_mask

MIN_BODY_PX = 200


def _reject(view: str, code: str, what: str, hint: str, reason: str) -> PhotoRejected:
    return PhotoRejected(f"{view} silhouette: {what}", code=code, hint=hint,
                         details={"view": view, "reason": reason})


def decode_mask(data: bytes, view: str, max_pixels: int = 40_000_000) -> np.ndarray:
    """PNG bytes → bool mask (person = bright pixels); refused from the header like a photo
    (:func:`fitsvc.measure.images.header_problem`), and only PNG is tried."""
    hint = "Send the mask as a PNG: person white, background black."
    try:
        img = images.open_image(data, ("PNG",))
        problem = images.header_problem(img, data, min_side=1, max_pixels=max_pixels, noun="mask")
        if problem is not None:
            code, what, size_hint = problem
            raise _reject(view, code, what, size_hint, "size")
        img.load()
        img = images.eight_bit(img)
        alpha_min = img.getchannel("A").getextrema()[0] if img.mode in ("LA", "RGBA", "PA") else 255
        if isinstance(alpha_min, (int, float)) and alpha_min < 255:
            gray = np.asarray(img.getchannel("A"))  # a cut-out: the alpha is the mask
        else:
            gray = np.asarray(img.convert("L"))
    except PhotoRejected:
        raise
    except images.BOMB_ERRORS:
        raise _reject(view, "image_too_large", "the mask has too many pixels",
                      f"Send the mask at the camera's resolution (up to {max_pixels / 1e6:g} "
                      "megapixels).", "size") from None
    except UnidentifiedImageError:
        raise _reject(view, "unsupported_format", f"the upload is {images.sniff(data)}, not a PNG",
                      hint, "format") from None
    except images.DECODE_ERRORS:
        raise _reject(view, "unsupported_format", "the PNG is damaged or truncated", hint,
                      "format") from None
    return np.asarray(gray > 127)


def runs(row: np.ndarray) -> list[tuple[int, int]]:
    """Half-open [start, end) column intervals where a boolean row is set."""
    padded = np.concatenate(([0], row.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def check_mask(mask: np.ndarray, view: str) -> None:
    """The gates of the module docstring; raises PhotoRejected."""
    _n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    areas = sorted(stats[1:, cv2.CC_STAT_AREA].tolist(), reverse=True)
    if not areas or areas[0] < 0.002 * mask.size:
        raise _reject(view, "no_person", "no person in the mask",
                      "The mask must show the person in white on black.", "empty")
    if len(areas) > 1 and areas[1] >= 0.25 * areas[0]:
        raise _reject(view, "multiple_people", "more than one person is in the mask",
                      "Only you should be in the picture.", "second_person")
    person = labels == 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    rows = np.flatnonzero(person.any(axis=1))
    if rows[-1] - rows[0] + 1 < MIN_BODY_PX:
        raise _reject(view, "image_too_small", "the person is too small in the mask",
                      f"The person must be at least {MIN_BODY_PX} px tall.", "small")
    _check_edges(person, rows, view)
    _check_shape(person, view)


def _check_edges(person: np.ndarray, rows: np.ndarray, view: str) -> None:
    h = rows[-1] - rows[0] + 1
    head_w = person[rows[0] + int(0.06 * h)].sum()
    if rows[0] == 0 and person[0].sum() > 0.5 * max(head_w, 1):
        raise _reject(view, "body_cut_off", "the top of the head is cut off",
                      "Keep some space above your head in the picture.", "head")
    feet_w = person[rows[-1] - max(2, int(0.01 * h))].sum()
    if rows[-1] == person.shape[0] - 1 and person[-1].sum() > 0.6 * max(feet_w, 1):
        raise _reject(view, "body_cut_off", "the feet are cut off",
                      "Keep both feet, and a little floor, in the picture.", "feet")


def _check_shape(person: np.ndarray, view: str) -> None:
    frame = frame_mask(person, 170.0, "front")  # scale-free fractions only
    m, hpx = frame.mask, frame.height_px
    shoulders = m[frame.row(0.84) : frame.row(0.76)].sum(axis=1).max() / hpx
    legs_apart = any(len(runs(m[frame.row(f)])) >= 2 for f in (0.12, 0.16, 0.20))
    crown = m[frame.row(1.0) : frame.row(0.90)]
    head = crown.sum(axis=1).max() / hpx
    split = np.mean([sum(b - a >= 0.02 * hpx for a, b in runs(r)) > 1 for r in crown])
    if head > 0.26 or split > 0.3:  # joined hands over the head, or arms up beside it
        raise _reject(view, "pose_not_suitable", "the arms are raised",
                      "Let your arms down, a little away from the body.", "arms_raised")
    if view == "front" and (shoulders < 0.19 or (not legs_apart and shoulders < 0.24)):
        raise _reject(view, "wrong_view", "this looks like a profile, not a front view",
                      "For the front mask face the camera.", "profile_as_front")
    if view == "side" and legs_apart and shoulders > 0.25:
        raise _reject(view, "wrong_view", "this looks like a front view, not a profile",
                      "Turn 90° to your left for the side mask.", "not_profile")
