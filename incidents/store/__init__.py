"""The tables in a query engine (Ibis over DuckDB or another backend): loading, caches, queries."""
