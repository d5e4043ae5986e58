"""Files that leave the app: PDF agreements and Excel reports (data in, file out; no Qt)."""
