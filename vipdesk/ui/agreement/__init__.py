"""The Agreement tab: drafting, sending, signatures, returned PDFs, verification, batch export."""
