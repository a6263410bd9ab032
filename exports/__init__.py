"""Store records → files (iCalendar, PDF, CSV, e-mail). Filled by the meetings and minutes work."""
