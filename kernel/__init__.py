"""The shared kernel every layer may import: French text, time, zones, blocking calls."""
