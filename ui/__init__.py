"""Everything with widgets: main window, item models, panels, dialogs, undo commands."""
