"""Charter templates, shipped as package data and versioned by the hash of their text."""
