"""Place and governorate names, the only home of both: ``names`` (the one folding of names),
``governorates`` (every governorate spelling, in governorate_names.csv, and the one resolver),
``boundaries`` (the only reader of the governorate polygons), ``sphere`` (distances), ``geo`` (the
gazetteer and the place mentions of a text) and ``gazetteer_build`` (data/places.csv)."""
