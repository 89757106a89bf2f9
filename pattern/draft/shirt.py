"""Shirt: back, front (button extension), yoke, sleeve, collar, collar stand and cuff.

The parts live in `shirt_body` (yoke, back, front: neckline sized to the neck girth,
smooth side seam), `shirt_sleeve` (flat asymmetric cap, cuffs, short sleeve) and
`shirt_collar` (stand and collar fitted to the neckline); each module's docstring names
its method and sources. Ease follows FreeSewing Brian/Simon (≈ 15 % chest).
"""

from __future__ import annotations

from pattern.draft.base import Part
from pattern.draft.shirt_body import BODY_M, BODY_O, draft_body
from pattern.draft.shirt_collar import COLLAR_M, COLLAR_O, draft_collar
from pattern.draft.shirt_sleeve import SLEEVE_M, SLEEVE_O, draft_shirt_sleeve

__all__ = ["CHECKS", "PARTS", "draft_body", "draft_collar", "draft_shirt_sleeve"]

#: Seams sewn together. The cuff pair applies when a cuff is drafted (full sleeve with a
#: barrel or French cuff); `pattern.checks` must skip it otherwise.
CHECKS = (("shirt_back.side", "shirt_front.side"),
          ("shirt_yoke.shoulder", "shirt_front.shoulder"),
          ("shirt_yoke.yoke_seam", "shirt_back.yoke_seam"),
          ("shirt_sleeve.front_seam", "shirt_sleeve.back_seam"),
          ("collar_stand.neckline", "shirt_yoke.neck+shirt_front.neck"),
          ("collar.stand_seam", "collar_stand.collar_seam"),
          ("shirt_sleeve.hem", "cuff.sleeve_seam"))

PARTS = (Part("shirt_body", BODY_M, BODY_O, draft_body),
         Part("shirt_sleeve", SLEEVE_M, SLEEVE_O, draft_shirt_sleeve),
         Part("shirt_collar", COLLAR_M, COLLAR_O, draft_collar))
