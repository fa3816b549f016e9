"""Qt item models over small dataclasses from the core. They hold no connection and run no queries."""
