"""Layout only: views build widgets and report what the worker did by signal."""
