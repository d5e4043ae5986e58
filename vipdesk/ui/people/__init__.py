"""Students, host organisations, contacts and institutions: lists and editors."""
