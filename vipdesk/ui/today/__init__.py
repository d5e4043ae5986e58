"""The Today tab: the work list of what needs the coordinator now."""
