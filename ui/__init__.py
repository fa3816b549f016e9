"""The PySide6 user interface: views hold layout, controllers hold behaviour; neither touches SQL."""
