"""Signatures in a PDF: PAdES signing, and the checks of what a signed file shows."""
