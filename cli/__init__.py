"""The `finsok` command line: the edge where errors become one line and an exit status."""
