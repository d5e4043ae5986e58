"""During and after the placement: the monitoring log, its cadence, recognition."""
