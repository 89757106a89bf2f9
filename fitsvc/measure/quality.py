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


def _reject(view: str, code: str, what: str, hint: str, reason: str) -> PhotoRejected:
    return PhotoRejected(f"{view} photo: {what}", code=code, hint=hint,
                         details={"view": view, "reason": reason})


def check_person(pose: Pose | None, mask: np.ndarray | None, view: str) -> None:
    """no_person and multiple_people."""
    if pose is None or mask is None or min(pose.vis(lm) for lm in CORE) < 0.5 or mask.sum() < 500:
        raise _reject(view, "no_person", "no person found",
                      "Make sure your whole body is in the picture, facing the camera, "
                      "against a plain background.", "not_detected")
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
    """body_cut_off: head top and feet must be inside the frame."""
    w, h = pose.image_size
    rows = np.flatnonzero(mask.any(axis=1))
    margin = max(2, int(0.004 * h))
    head_out = any(pose.points[int(lm), 1] < 0 or pose.vis(lm) < 0.3 for lm in HEAD[:1])
    feet_out = any(pose.points[int(lm), 1] > h - 1 or pose.vis(lm) < 0.3 for lm in FEET)
    if head_out or rows[0] <= margin:
        raise _reject(view, "body_cut_off", "the top of the head is cut off",
                      "Step back or tilt the phone so there is space above your head.", "head")
    if feet_out or rows[-1] >= h - 1 - margin:
        raise _reject(view, "body_cut_off", "the feet are cut off",
                      "Step back so both feet, and a little floor, are in the picture.", "feet")
    cols = np.flatnonzero(mask.any(axis=0))
    if cols[0] <= 0 or cols[-1] >= w - 1:
        raise _reject(view, "body_cut_off", "the body touches the edge of the picture",
                      "Stand in the middle of the picture with space on both sides.", "side")


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
    elif ratio > 0.35:
        raise _reject(view, "wrong_view", "the body is not in profile",
                      "Turn 90° to your left so the camera sees your side.", "not_profile")


def check_pose(pose: Pose, view: str) -> None:
    """pose_not_suitable: sitting, standing on one leg, arms raised or against the body."""
    hpx = _height_px(pose)
    sh = (pose.xy(LM.LEFT_SHOULDER) + pose.xy(LM.RIGHT_SHOULDER)) / 2
    hip = (pose.xy(LM.LEFT_HIP) + pose.xy(LM.RIGHT_HIP)) / 2
    ank_l, ank_r = pose.xy(LM.LEFT_ANKLE), pose.xy(LM.RIGHT_ANKLE)
    torso = max(hip[1] - sh[1], 1.0)
    legs = (ank_l[1] + ank_r[1]) / 2 - hip[1]
    lower = "left" if ank_l[1] > ank_r[1] else "right"
    standing_leg = max(ank_l[1], ank_r[1]) - hip[1]
    # In profile the far ankle is occluded and sits higher (perspective): be lenient there.
    one_leg_gap = 0.05 if view == "front" else 0.12
    if (abs(ank_l[1] - ank_r[1]) > one_leg_gap * hpx and _knee_angle(pose, lower) > 150
            and standing_leg > 1.3 * torso):
        raise _reject(view, "pose_not_suitable", "you seem to be standing on one leg",
                      "Stand on both feet, about hip-width apart.", "one_leg")
    if legs < 1.3 * torso or min(_knee_angle(pose, "left"), _knee_angle(pose, "right")) < 140:
        raise _reject(view, "pose_not_suitable", "you seem to be sitting or crouching",
                      "Stand up straight with your weight on both feet.", "not_standing")
    wrists = (pose.xy(LM.LEFT_WRIST), pose.xy(LM.RIGHT_WRIST))
    if any(w[1] < sh[1] for w in wrists):
        raise _reject(view, "pose_not_suitable", "the arms are raised",
                      "Let your arms down, held about 30–45° away from the body.", "arms_raised")
    if view == "front":
        for s, wr in ((LM.LEFT_SHOULDER, LM.LEFT_WRIST), (LM.RIGHT_SHOULDER, LM.RIGHT_WRIST)):
            v = pose.xy(wr) - pose.xy(s)
            if math.degrees(math.atan2(abs(v[0]), max(v[1], 1e-6))) < 12:
                raise _reject(view, "pose_not_suitable", "the arms are against the body",
                              "Hold your arms about 30–45° away from the body, hands open.",
                              "arms_against_body")


def _knee_angle(pose: Pose, side: str) -> float:
    hip, knee, ank = ((LM.LEFT_HIP, LM.LEFT_KNEE, LM.LEFT_ANKLE) if side == "left"
                      else (LM.RIGHT_HIP, LM.RIGHT_KNEE, LM.RIGHT_ANKLE))
    a, b = pose.xy(hip) - pose.xy(knee), pose.xy(ank) - pose.xy(knee)
    cos = float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def _height_px(pose: Pose) -> float:
    ys = pose.points[[int(LM.NOSE), int(LM.LEFT_HEEL), int(LM.RIGHT_HEEL)], 1]
    return float(max(ys[1:].max() - ys[0], 1.0) * 1.08)


def soft_warnings(pose: Pose, view: str) -> list[str]:
    """Borderline conditions that do not block the scan."""
    out = []
    yaw = shoulder_yaw_deg(pose)
    if view == "front" and 25 < yaw <= 45 and shoulder_ratio(pose) < 0.62:
        out.append("front_slightly_turned")
    if min(pose.vis(lm) for lm in (*CORE, *HEAD)) < 0.8:
        out.append(f"{view}_low_landmark_confidence")
    return out
