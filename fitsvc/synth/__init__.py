"""Synthetic people lab: anny bodies, exact ground truth, rendered photos, avatars."""
