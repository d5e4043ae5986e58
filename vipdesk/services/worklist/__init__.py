"""The work list: what is due, for whom, since when and what to do (rules in resources/)."""
