"""The benchmark behind ``python -m incidents bench``: synthetic tables of N incidents, our
dashboard against a naive Streamlit app (benchmarks/naive_app.py), figures printed as a table.

measure.py takes the measurements; report.py turns them into the printed table and ratios.
"""
