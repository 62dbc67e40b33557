"""accord.ingest."""
