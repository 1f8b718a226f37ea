"""Steps on a finished site/: minifying, search index, offline copy and worker, PDF sheets."""
