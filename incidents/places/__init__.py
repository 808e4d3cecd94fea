"""Place and governorate names, governorate geometry, the gazetteer and its build."""
