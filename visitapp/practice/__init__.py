"""Visiting timescales, working days, seen-alone rules."""
