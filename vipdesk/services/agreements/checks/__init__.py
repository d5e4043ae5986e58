"""Checking an agreement's draft before it goes out: what each section needs (`validation`),
how a problem is said and where it belongs (`problems`), how long each text may be
(`lengths`), and the Programme Guide's rules on the programme (`programme_rules`)."""
