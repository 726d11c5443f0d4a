"""Modal dialogs of the terminal UI: stage picker, assessment form, import, export."""
