"""The signature round: recording each party's signature, scans, and whom to trust."""
