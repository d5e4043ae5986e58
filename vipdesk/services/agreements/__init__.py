"""Learning agreements: drafting, validation, versions, signatures, returns, export."""
