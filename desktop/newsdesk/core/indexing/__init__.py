"""Reading many articles fast: the row of each (index), the index cache (cache), the pipeline
from files to rows (pipeline), the worker processes and their thresholds (pool), check."""
