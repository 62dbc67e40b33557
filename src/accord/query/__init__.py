"""accord.query."""
