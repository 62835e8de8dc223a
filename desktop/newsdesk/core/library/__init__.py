"""A folder of articles open for editing: its rows, its drafts, and what changed on disk."""
