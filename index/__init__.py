"""The indexer: read files, clean them, cut them into sections, analyse Swedish, write the index.

The crawler, which downloads protocols into the archive folders the indexer reads, is the
subpackage `index.crawler`; `index.archive` is the folder format the two share, so the indexer
never imports the crawler.

Nothing in this package imports Flask or the command-line layer; `search` and `web` build on it.
"""
