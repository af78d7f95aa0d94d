"""The HTML path: parse, read metadata, apply DOM rules, find the body, turn it into lines."""
