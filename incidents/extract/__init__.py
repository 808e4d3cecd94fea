"""Extraction of incidents from article text: places, dates, counts, actors, event types, pipeline."""
