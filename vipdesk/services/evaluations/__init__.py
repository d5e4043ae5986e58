"""Mid-term and final evaluations of a placement by student, host mentor and academic tutor."""
