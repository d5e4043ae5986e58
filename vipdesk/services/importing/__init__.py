"""Reading students, organisations and placements from Excel and CSV, all or nothing."""
