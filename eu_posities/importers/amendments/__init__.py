"""EP amendment lists: readers for each form the Parliament publishes them in.

Every reader gives a `ParsedDocument` with no stages and the list in `amendments`, its
`meta` holding what the document says it amends (`procedure`, `amends`, `title`, `ref`,
`date`). The consolidated form (one amendment restating the whole act) is a stage instead.
"""
