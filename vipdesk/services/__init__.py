"""Use cases and domain rules over a database Session, one package per feature. No Qt."""
