"""The disk: which files are articles, where the user's folders are, and writing files safely."""
