"""Body measurements the estimator returns: ANSUR II source column and ISO 8559-1-style definition.

All girths are taken with a tape, horizontal unless stated, lying on the skin without
compressing it and bridging hollows; lengths are surface distances, heights are vertical
distances from the floor, breadths are straight caliper distances. The subject stands erect,
feet together, weight evenly distributed, arms hanging, breathing quietly. Where ANSUR II's
landmark differs from ISO 8559-1 (waist at the navel, flexed biceps, ...) the definition says so.
"""

from __future__ import annotations

from typing import Literal, TypedDict

Kind = Literal["girth", "length", "breadth"]


class Definition(TypedDict):
    """One measurement: ANSUR II column it is trained on, definition text, kind."""

    ansur_column: str
    definition: str
    kind: Kind


def _d(column: str, kind: Kind, text: str) -> Definition:
    return {"ansur_column": column, "definition": text, "kind": kind}


MEASUREMENTS: dict[str, Definition] = {
    "stature": _d("stature", "length",
                  "Body height: vertical distance from the floor to the top of the head (vertex), "
                  "head in the Frankfurt plane (ISO 8559-1 body height)."),
    "chest_girth": _d("chestcircumference", "girth",
                      "Chest / bust girth: horizontal girth at nipple (bust point) level, under the "
                      "armpits and across the shoulder blades, at the end of a normal expiration."),
    "waist_girth": _d("waistcircumference", "girth",
                      "Waist girth at the navel: horizontal girth at the level of the omphalion "
                      "(navel). NOTE: ANSUR II measures at the navel, not at the ISO natural waist "
                      "(smallest girth between chest and hip); the navel girth is usually the "
                      "larger of the two and is closer to a trouser waist."),
    "hip_girth": _d("buttockcircumference", "girth",
                    "Hip girth: horizontal girth at the level of the greatest posterior protrusion "
                    "of the buttocks (ISO 8559-1 hip girth)."),
    "neck_girth": _d("neckcircumference", "girth",
                     "Neck girth: girth of the neck just below the laryngeal prominence (Adam's "
                     "apple), perpendicular to the long axis of the neck."),
    "neck_base_girth": _d("neckcircumferencebase", "girth",
                          "Neck base girth: girth around the base of the neck through cervicale "
                          "(7th cervical vertebra), the side neck points and the top of the "
                          "jugular notch (ISO 8559-1 neck base girth; shirt collar)."),
    "shoulder_width": _d("biacromialbreadth", "breadth",
                         "Biacromial breadth: straight distance between the right and left "
                         "acromion points (bony shoulder tips)."),
    "arm_length": _d("sleeveoutseam", "length",
                     "Arm length (sleeve outseam): surface distance from the acromion along the "
                     "outside of the straight, hanging arm to the wrist (radial stylion)."),
    "inside_leg": _d("crotchheight", "length",
                     "Inside leg length (crotch height): vertical distance from the floor to the "
                     "crotch, feet slightly apart."),
    "thigh_girth": _d("thighcircumference", "girth",
                      "Thigh girth: horizontal girth of the upper thigh at the lowest point of the "
                      "gluteal furrow, i.e. just below the crotch (ISO 8559-1 thigh girth)."),
    "upper_arm_girth": _d("bicepscircumferenceflexed", "girth",
                          "Upper arm girth at the biceps, measured with the biceps FLEXED (ANSUR "
                          "II convention); a relaxed ISO upper arm girth is about 1-3 cm smaller."),
    "forearm_girth": _d("forearmcircumferenceflexed", "girth",
                        "Forearm girth: maximum girth of the forearm, fist clenched and elbow "
                        "flexed (ANSUR II convention)."),
    "wrist_girth": _d("wristcircumference", "girth",
                      "Wrist girth: girth of the wrist over the styloid process of the ulna, "
                      "perpendicular to the forearm axis."),
    "calf_girth": _d("calfcircumference", "girth",
                     "Calf girth: maximum horizontal girth of the calf."),
    "ankle_girth": _d("anklecircumference", "girth",
                      "Ankle girth: minimum horizontal girth of the lower leg just above the "
                      "malleoli (ISO 8559-1 minimum leg girth)."),
    "head_girth": _d("headcircumference", "girth",
                     "Head girth: maximum girth of the head above the brow ridges, tape pressing "
                     "the hair."),
    "shoulder_girth": _d("shouldercircumference", "girth",
                         "Shoulder girth: horizontal girth around both shoulders over the "
                         "maximum protrusion of the deltoid muscles, arms hanging."),
    "lower_thigh_girth": _d("lowerthighcircumference", "girth",
                            "Lower thigh girth: girth of the thigh just above the knee cap."),
    "back_waist_length": _d("waistbacklength", "length",
                            "Back waist length: surface distance down the spine from cervicale to "
                            "the waist level. NOTE: ANSUR II uses the omphalion (navel) level, not "
                            "the ISO natural waist."),
    "waist_height": _d("waistheightomphalion", "length",
                       "Waist height: vertical distance from the floor to the omphalion (navel)."),
    "crotch_length": _d("crotchlengthomphalion", "length",
                        "Total crotch length: surface distance from the navel at the front, "
                        "through the crotch, to the same level at the back (trouser rise, front + "
                        "back)."),
    "shoulder_length": _d("shoulderlength", "length",
                          "Shoulder length: surface distance from the side neck point to the "
                          "acromion."),
    "across_back": _d("interscyeii", "length",
                      "Across-back width: surface distance across the back between the posterior "
                      "axillary folds (ANSUR interscye II, lower scye marks). Best ANSUR match of "
                      "the ISO 8559-1 back width; interscye I, at the top of the armpit folds, is "
                      "about 2 cm smaller."),
    "sleeve_length_spine_wrist": _d("sleevelengthspinewrist", "length",
                                    "Cervicale-to-wrist length: surface distance from cervicale "
                                    "over the acromion and down the arm to the wrist, in the "
                                    "ANSUR II arm posture; shirt sleeve length."),
    "upper_arm_length": _d("acromionradialelength", "length",
                           "Upper arm length: distance from the acromion to the radiale (elbow)."),
    "forearm_length": _d("radialestylionlength", "length",
                         "Forearm length: distance from the radiale (elbow) to the radial "
                         "stylion (wrist)."),
    "knee_height": _d("kneeheightmidpatella", "length",
                      "Knee height: vertical distance from the floor to the middle of the knee "
                      "cap (mid-patella)."),
    "cervicale_height": _d("cervicaleheight", "length",
                           "Cervicale height: vertical distance from the floor to the 7th "
                           "cervical vertebra (back neck point)."),
    "bideltoid_breadth": _d("bideltoidbreadth", "breadth",
                            "Bideltoid breadth: maximum horizontal breadth across the shoulders "
                            "over the deltoid muscles."),
}

TARGETS: tuple[str, ...] = tuple(MEASUREMENTS)
