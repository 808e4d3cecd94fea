"""The incident and article tables: building them, corrections, ACLED import, exports, synthetic data."""
