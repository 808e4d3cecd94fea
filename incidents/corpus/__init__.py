"""Files and collections -> Article records: decoding, chrome lines, glued words, headers."""
