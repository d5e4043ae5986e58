"""The user guide inside the app: F1 and Help → User guide."""
