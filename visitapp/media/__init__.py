"""Picture import: decode, orient, strip metadata, downscale, thumbnails."""
