"""The Qt window: models, views, widgets and undo commands over the core."""
