"""accord.export."""
