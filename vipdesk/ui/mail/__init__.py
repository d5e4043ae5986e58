"""E-mail in the app: settings, the message dialog, the outbox, and mail coming back."""
