"""What editors do with a site beyond one article: search, facets, similar, review, git, journal."""
