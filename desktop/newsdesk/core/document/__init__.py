"""One article: its bytes, its YAML, the edits made to it, and writing it back byte for byte."""
