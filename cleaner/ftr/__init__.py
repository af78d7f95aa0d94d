"""Full-Text RSS site configs: parse the format, convert to cleaner rule files, report what was left out."""
from .convert import convert, id_or_class_xpath
from .importer import run_import
from .parser import parse_file, parse_text

__all__ = ["convert", "id_or_class_xpath", "parse_file", "parse_text", "run_import"]
