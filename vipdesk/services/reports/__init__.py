"""What the reports read: filters and the figures behind each report."""
