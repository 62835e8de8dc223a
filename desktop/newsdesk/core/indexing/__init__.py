"""Reading many articles fast: the table's row of each, the index cache, the worker pool, check."""
