"""Blocks drafted from measurements (FreeSewing-style declarative parts)."""

from pattern.draft.registry import BLOCKS, Draft, draft_block, get_block

__all__ = ["BLOCKS", "Draft", "draft_block", "get_block"]
