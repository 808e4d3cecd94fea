"""Review: the filtered incidents in review order, each with its source text, fields and article;
in editing mode (``serve --editable``) confirm, reject, edit, merge, add missed ones and undo."""

from incidents.ui import data, page, review_page

f = page.setup("Review", extras=("order", "unreviewed", "review"), icon="✅")
page.title("Review the extracted incidents", f)
review_page.render(f)
page.footer(data.run("options").get("outlets"))
