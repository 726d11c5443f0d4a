"""Change marks: bold, strikethrough and underline read as data (see the modules)."""
