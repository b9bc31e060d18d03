"""Search: read queries, rank sections, build snippets, facets and suggestions."""
