"""JSON Schemas of the standards the package follows, shipped so checks run offline."""
