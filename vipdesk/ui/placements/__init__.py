"""The placements list, the placement editor and its checklist."""
