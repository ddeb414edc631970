"""The window itself: the app, the main window and its parts, start page, help, crash box."""
