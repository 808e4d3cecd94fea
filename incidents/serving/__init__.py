"""Starting the dashboard's server and driving a headless browser against it."""
