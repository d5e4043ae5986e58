"""The Excel reports: read through services, written through documents."""
