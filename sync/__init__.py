"""The outside world → store (watched inbox, iTIP replies). Filled by the meetings work."""
