"""The indexer: read files, clean them, cut them into sections, analyse Swedish, write the index.

Nothing in this package imports Flask or the command-line layer; `search` and `web` build on it.
"""
