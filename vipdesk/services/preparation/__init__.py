"""Readiness questionnaires, the communication protocol and its overlap, tools and tests."""
