"""Pose-level quality gates: each failure is a PhotoRejected with a stable code and a hint."""

from __future__ import annotations

import math

import cv2
import numpy as np

from fitsvc.errors import PhotoRejected
from fitsvc.measure.keypoints import LM, Pose

CORE = (LM.LEFT_SHOULDER, LM.RIGHT_SHOULDER, LM.LEFT_HIP, LM.RIGHT_HIP)
HEAD = (LM.NOSE, LM.LEFT_EAR, LM.RIGHT_EAR)
FEET = (LM.LEFT_HEEL, LM.RIGHT_HEEL, LM.LEFT_FOOT_INDEX, LM.RIGHT_FOOT_INDEX)
LEGS_SEEN = 0.5  # keypoint visibility above which the legs' pose is judged
TRAGION_TO_VERTEX = 0.076  # ear to head top, fraction of stature (ANSUR II)
MAX_HEAD_CUT = 0.012  # of stature (~2 cm): a head top cut by more is refused


def _reject(view: str, code: str, what: str, hint: str, reason: str) -> PhotoRejected:
    return PhotoRejected(f"{view} photo: {what}", code=code, hint=hint,
                         details={"view": view, "reason": reason})


DIM_PHOTO = 60  # mean luma (0–255) under which a missed person is blamed on the light


def check_person(pose: Pose | None, mask: np.ndarray | None, view: str,
                 brightness: float = 128.0) -> None:
    """no_person and multiple_people (``brightness``: the photo's mean luma, for the hint)."""
    if pose is None or mask is None or min(pose.vis(lm) for lm in CORE) < 0.5 or mask.sum() < 500:
        hint = ("The room is too dim for us to find you: turn on the lights or face a window, "
                "and keep your whole body in the picture." if brightness < DIM_PHOTO else
                "Make sure your whole body is in the picture, facing the camera, "
                "against a plain background.")
        raise _reject(view, "no_person", "no person found", hint, "not_detected")
    if pose.people_mask is None:
        return
    people = (pose.people_mask > 0.5).astype(np.uint8)
    if people.shape != mask.shape:  # the people mask may come at a lower resolution
        size = (people.shape[1], people.shape[0])
        mask = cv2.resize(mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
    n, labels, stats, _ = cv2.connectedComponentsWithStats(people, connectivity=8)
    person_area = float(mask.sum())
    for i in range(1, n):
        area = float(stats[i, cv2.CC_STAT_AREA])
        if area < 0.25 * person_area:
            continue
        overlap = float(np.logical_and(labels == i, mask).sum())
        if overlap < 0.1 * area:
            raise _reject(view, "multiple_people", "more than one person is in the picture",
                          "Take the photo with only you in the frame.", "second_person")


def check_framing(pose: Pose, mask: np.ndarray, view: str) -> None:
    """body_cut_off only when the head top or the feet are really out of the frame.

    A head that touches the top edge is measured if the silhouette's contact with the edge
    is under half the head's width (a cap of at most ~1.3 cm is lost), or if the ears place
    the head top less than ~2 cm above the frame (:func:`head_top_cut`); feet may touch the
    bottom edge if the ankles are well inside and the contact is not the whole sole.
    Hands and arms at the side edges do not matter for the measurements."""
    h = pose.image_size[1]
    rows = np.flatnonzero(mask.any(axis=1))
    body = rows[-1] - rows[0] + 1
    head_out = pose.points[int(LM.NOSE), 1] < 0 or pose.vis(LM.NOSE) < 0.3
    head_w = mask[min(rows[0] + int(0.06 * body), h - 1)].sum()
    touching = rows[0] == 0 and mask[0].sum() > 0.5 * max(head_w, 1)
    if head_out or (touching and head_top_cut(pose, rows[-1]) > MAX_HEAD_CUT):
        raise _reject(view, "body_cut_off", "the top of the head is cut off",
                      "Step back or tilt the phone so there is space above your head.", "head")
    ankles = [pose.points[int(lm)] for lm in (LM.LEFT_ANKLE, LM.RIGHT_ANKLE)]
    near = max(ankles, key=lambda p: p[3])  # in profile the far ankle is hidden
    feet_w = mask[max(rows[-1] - max(2, int(0.01 * body)), 0)].sum()
    feet_out = near[1] > h - 1 or near[3] < 0.1
    if feet_out or (rows[-1] == h - 1 and mask[h - 1].sum() > 0.6 * max(feet_w, 1)):
        raise _reject(view, "body_cut_off", "the feet are cut off",
                      "Step back so both feet, and a little floor, are in the picture.", "feet")


def head_top_cut(pose: Pose, floor_row: int) -> float:
    """How much of the head top lies above the frame, as a fraction of stature (≤ 0: none).

    The ears (tragion) stand 7.5–7.8 % of stature below the head top (ANSUR II: men 0.0748,
    women 0.0778, sd 0.004); with the floor row this places the vertex. Level cameras put it
    within ±0.01 of the silhouette's top (lab, 95 % range); a floor camera reads ~0.02 high,
    a camera held at head height ~0.02 low."""
    ears = pose.points[[int(LM.LEFT_EAR), int(LM.RIGHT_EAR)]]
    ear_y = float(np.average(ears[:, 1], weights=np.maximum(ears[:, 3], 1e-3)))
    top = floor_row - (floor_row - ear_y) / (1.0 - TRAGION_TO_VERTEX)
    return float(-top / max(floor_row - top, 1.0))


def shoulder_ratio(pose: Pose) -> float:
    """Horizontal shoulder span over torso height (≈0.7 frontal, ≈0.1 in profile)."""
    ls, rs = pose.xy(LM.LEFT_SHOULDER), pose.xy(LM.RIGHT_SHOULDER)
    torso = abs((pose.xy(LM.LEFT_HIP) + pose.xy(LM.RIGHT_HIP))[1] / 2 - (ls[1] + rs[1]) / 2)
    return abs(ls[0] - rs[0]) / max(torso, 1.0)


def shoulder_yaw_deg(pose: Pose) -> float:
    ls, rs = pose.points[int(LM.LEFT_SHOULDER)], pose.points[int(LM.RIGHT_SHOULDER)]
    return math.degrees(math.atan2(abs(ls[2] - rs[2]), abs(ls[0] - rs[0]) + 1e-6))


def check_view(pose: Pose, view: str) -> None:
    """wrong_view: the front photo must be frontal (not the back), the side one in profile."""
    ratio, yaw = shoulder_ratio(pose), shoulder_yaw_deg(pose)
    if view == "front":
        if ratio < 0.3:
            raise _reject(view, "wrong_view", "this looks like a side view",
                          "For the front photo face the camera; send the profile as the side "
                          "photo.", "profile_as_front")
        if ratio < 0.5 or (ratio < 0.62 and yaw > 45):
            raise _reject(view, "wrong_view", "the body is turned, not facing the camera",
                          "Face the camera squarely, feet and shoulders parallel to the phone.",
                          "not_frontal")
        if pose.xy(LM.LEFT_SHOULDER)[0] < pose.xy(LM.RIGHT_SHOULDER)[0]:
            raise _reject(view, "wrong_view", "this looks like a photo from the back",
                          "Face the camera for the front photo.", "back_view")
    elif ratio > 0.45:
        raise _reject(view, "wrong_view", "the body is not in profile",
                      "Turn 90° to your left so the camera sees your side.", "not_profile")


def check_pose(pose: Pose, view: str) -> None:
    """pose_not_suitable: sitting, standing on one leg, arms raised. Arms hanging against the
    body are measured (with wider intervals and a warning), not refused."""
    sh = (pose.xy(LM.LEFT_SHOULDER) + pose.xy(LM.RIGHT_SHOULDER)) / 2
    hip = (pose.xy(LM.LEFT_HIP) + pose.xy(LM.RIGHT_HIP)) / 2
    ank_l, ank_r = pose.xy(LM.LEFT_ANKLE), pose.xy(LM.RIGHT_ANKLE)
    # Image proportions change with the camera (held high, legs look short): judge the
    # joints, not the lengths. In profile the far leg is hidden: the front view decides.
    # Legs MediaPipe is unsure of (a long skirt, a dark room) are not judged at all.
    knee_vis = (pose.vis(LM.LEFT_KNEE), pose.vis(LM.RIGHT_KNEE))
    ankle_vis = (pose.vis(LM.LEFT_ANKLE), pose.vis(LM.RIGHT_ANKLE))
    pick = min if view == "front" else max  # in profile only the near leg is seen
    if min(pick(knee_vis), pick(ankle_vis)) < LEGS_SEEN:
        if _arms_raised(pose, view, sh[1]):
            raise _reject(view, "pose_not_suitable", "the arms are raised",
                          "Let your arms down, a little away from the body.", "arms_raised")
        return
    if view == "front":
        lower = "left" if ank_l[1] > ank_r[1] else "right"
        raised = abs(ank_l[1] - ank_r[1]) > 0.05 * _height_px(pose)
        if raised and _knee_angle(pose, lower) > 150 and min(
                _knee_angle(pose, "left"), _knee_angle(pose, "right")) < 150:
            raise _reject(view, "pose_not_suitable", "you seem to be standing on one leg",
                          "Stand on both feet, about hip-width apart.", "one_leg")
    knees = (_knee_angle(pose, "left"), _knee_angle(pose, "right"))
    if (max(knees) if view == "side" else min(knees)) < 140 or hip[1] <= sh[1]:
        raise _reject(view, "pose_not_suitable", "you seem to be sitting or crouching",
                      "Stand up straight with your weight on both feet.", "not_standing")
    if _arms_raised(pose, view, sh[1]):
        raise _reject(view, "pose_not_suitable", "the arms are raised",
                      "Let your arms down, held about 30–45° away from the body.", "arms_raised")


def _arms_raised(pose: Pose, view: str, shoulder_y: float) -> bool:
    """A wrist well above the shoulders (a fifth of the torso: arms held out level are not
    raised). In profile the far arm is hidden and MediaPipe guesses where it is (often up in
    front of the chest): both wrists must be up to count."""
    hip_y = (pose.xy(LM.LEFT_HIP)[1] + pose.xy(LM.RIGHT_HIP)[1]) / 2
    margin = 0.2 * max(hip_y - shoulder_y, 0.0)  # arms held out level (T-pose) are not raised
    up = [pose.xy(lm)[1] < shoulder_y - margin for lm in (LM.LEFT_WRIST, LM.RIGHT_WRIST)]
    return any(up) if view == "front" else all(up)


def _knee_angle(pose: Pose, side: str) -> float:
    hip, knee, ank = ((LM.LEFT_HIP, LM.LEFT_KNEE, LM.LEFT_ANKLE) if side == "left"
                      else (LM.RIGHT_HIP, LM.RIGHT_KNEE, LM.RIGHT_ANKLE))
    a, b = pose.xy(hip) - pose.xy(knee), pose.xy(ank) - pose.xy(knee)
    cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _height_px(pose: Pose) -> float:
    ys = pose.points[[int(LM.NOSE), int(LM.LEFT_HEEL), int(LM.RIGHT_HEEL)], 1]
    return float(max(ys[1:].max() - ys[0], 1.0) * 1.08)


def soft_warnings(pose: Pose, mask: np.ndarray, view: str) -> list[str]:
    """Borderline conditions that do not block the scan."""
    out = []
    cols = np.flatnonzero(mask.any(axis=0))
    if cols[0] == 0 or cols[-1] == mask.shape[1] - 1:
        out.append(f"{view}_body_touches_side_edge")
    if mask[0].any():
        out.append(f"{view}_head_top_at_edge")
    yaw = shoulder_yaw_deg(pose)
    if view == "front" and 25 < yaw <= 45 and shoulder_ratio(pose) < 0.62:
        out.append("front_slightly_turned")
    if min(pose.vis(lm) for lm in (*CORE, *HEAD)) < 0.8:
        out.append(f"{view}_low_landmark_confidence")
    return out
