"""The outside world → store: the watched inbox (inbox, watcher), calendar replies (itip,
mailparse) and Framadate poll exports (framadate). Imported lazily by the TUI."""
