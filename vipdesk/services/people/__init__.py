"""Students (and their equity flags), organisations, institutions and contacts."""
