"""Placement records, their lifecycle and checklist, the list, drafts and history."""
