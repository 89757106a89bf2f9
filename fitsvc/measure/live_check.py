"""Live guidance while the customer frames the photo: one frame through the same gates as
a scan (person, whole body, view, pose, light), answered in plain words, nothing stored.

A phone page sends a small frame a few times a second; MediaPipe on a 480 px frame takes
tens of milliseconds, so the answer arrives while the customer is still in position.
"""

from __future__ import annotations

from typing import Any

from fitsvc.errors import PhotoRejected
from fitsvc.measure.keypoints import KeypointDetector
from fitsvc.measure.service import detect_view

# refusals of the file itself (not of the pose): the client sent something that is no frame
FILE_CODES = {"unsupported_format", "image_too_small", "image_too_large", "photo_too_large"}

HEADLINE = {
    "no_person": "We can't see you yet.",
    "multiple_people": "Only you should be in the picture.",
    "body_cut_off": "Your whole body must be in the picture.",
    "wrong_view": "Turn as the outline shows.",
    "pose_not_suitable": "Stand straight, as the outline shows.",
    "too_dark_or_blurred": "It is too dark or blurred.",
}

WARNING_WORDS = {
    "dim": "A little more light would help.",
    "soft": "Hold the phone still.",
    "touches_side_edge": "Step back a little: your hands touch the edge.",
    "head_top_at_edge": "Leave some space above your head.",
    "slightly_turned": "Turn a little more squarely to the camera.",
    "arms_against_body": "Hold your arms a little away from your body.",
}


def _plain(warning: str) -> str | None:
    return next((words for key, words in WARNING_WORDS.items() if key in warning), None)


def check_frame(detector: KeypointDetector, frame: bytes, view: str) -> dict[str, Any]:
    """The gates' verdict on one frame: ``ok``, a ``code``, a sentence to ``say`` and tips."""
    try:
        _, _, warnings, _ = detect_view(detector, frame, view, 240)
    except PhotoRejected as exc:
        if exc.code in FILE_CODES:
            raise
        return {"ok": False, "view": view, "code": exc.code,
                "say": f"{HEADLINE.get(exc.code, 'Not yet.')} {exc.hint}".strip(),
                "reason": exc.details.get("reason"), "tips": []}
    tips = sorted({t for w in warnings if (t := _plain(w))})
    return {"ok": True, "view": view, "code": "ready",
            "say": "Ready: hold still and take the photo.", "reason": None, "tips": tips}
