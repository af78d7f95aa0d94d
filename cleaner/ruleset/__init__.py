"""Rule files: loading, validation, lookup."""
from .loader import load_file, load_text
from .model import Rule, RuleSet
from .registry import Registry, configured_dirs, host_of, shipped_rules_dir

__all__ = ["Registry", "Rule", "RuleSet", "configured_dirs", "host_of", "load_file", "load_text",
           "shipped_rules_dir"]
