"""Fixtures for the picture pipeline tests; the picture makers themselves are in samples.py."""

from __future__ import annotations

import pytest

from tests.visitapp.media.samples import gps_jpeg_bytes


@pytest.fixture
def gps_jpeg() -> bytes:
    return gps_jpeg_bytes()
