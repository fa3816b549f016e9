"""Behaviour: controllers take the worker's actions from views and run them through the store thread."""
