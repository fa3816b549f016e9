"""Sub-commands of the ``visitapp`` command line, one module each."""
