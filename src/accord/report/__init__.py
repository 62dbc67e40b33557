"""accord.report."""
