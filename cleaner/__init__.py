"""cleaner: strip boilerplate from scraped HTML or plain text, and say what was removed and why."""
from .engine import clean, get_registry, set_registry
from .errors import (CleanerError, DecodeError, EmptyInputError, InputError, NothingLeftError, RuleError,
                     TimeBudgetError, TooLargeError, UnknownSiteError, UnsupportedContentError)
from .result import CleanResult, Removal
from .ruleset import Registry

__version__ = "0.1.0"
__all__ = ["CleanResult", "CleanerError", "DecodeError", "EmptyInputError", "InputError", "NothingLeftError",
           "Registry", "Removal", "RuleError", "TimeBudgetError", "TooLargeError", "UnknownSiteError",
           "UnsupportedContentError", "clean", "get_registry", "set_registry", "__version__"]
