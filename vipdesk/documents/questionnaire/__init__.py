"""A questionnaire as a fillable PDF for the party that answers it, and reading it back."""
