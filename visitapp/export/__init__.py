"""PDF export."""
