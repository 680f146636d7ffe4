"""Type stubs of tadqiq's compiled module (re-exported by ``tadqiq``)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Union

__version__: str

class TadqiqError(Exception):
    """Base class of tadqiq's errors; raised as such for an internal error (a bug in tadqiq)."""

class ConfigError(TadqiqError):
    """A configuration (a tadqiq.toml, a dict, or a word list it names) could not be used."""

class Finding:
    """One finding on a text.

    ``start``/``end`` are Python string indices (code points): ``text[f.start:f.end]`` is the
    text flagged. ``byte_start``/``byte_end`` are the same range in bytes of the UTF-8 text (the
    command line's JSON ``start``/``end``). ``line``, ``column``, ``end_line``, ``end_column`` are
    1-based; columns count code points (a byte-order mark at the very start of the text is not a
    column); ends are exclusive.
    """

    @property
    def rule(self) -> str:
        """The rule's id, e.g. ``"tadqiq/spelling"``."""
    @property
    def severity(self) -> Literal["error", "warning", "info", "hint"]: ...
    @property
    def message(self) -> str:
        """One sentence saying what is wrong."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def line(self) -> int: ...
    @property
    def column(self) -> int: ...
    @property
    def end_line(self) -> int: ...
    @property
    def end_column(self) -> int: ...
    @property
    def suggestions(self) -> List[str]:
        """Replacements for the span, best first (may be empty)."""
    @property
    def fix(self) -> Literal["safe", "unsafe", "manual"]:
        """Whether ``Linter.fix`` applies the first suggestion: always, with ``unsafe=True``, never."""
    @property
    def note(self) -> Optional[str]:
        """A longer note on why the rule fired, or None."""
    def to_dict(self) -> Dict[str, Any]:
        """The finding as a dict of its fields."""
    def __eq__(self, other: object) -> bool: ...

class Linter:
    """Checks Arabic text; made once, used for any number of texts from any number of threads.

    ``config``: None for the defaults; a path to a ``tadqiq.toml`` (or to a directory: the nearest
    ``tadqiq.toml``/``.tadqiq.toml`` at or above it, else the defaults); or a dict with the file's
    keys, e.g. ``{"rules": {"tatweel": "off"}}``. Raises :class:`ConfigError` (naming the file and
    the fault) for a configuration that cannot be used, :class:`TypeError` for another type.
    """

    def __init__(
        self, config: Union[None, str, "os.PathLike[str]", Dict[str, Any]] = None
    ) -> None: ...
    def check(self, text: str, *, markdown: bool = False) -> List[Finding]:
        """The findings on ``text``, in text order (each place its own finding: not folded)."""
    def fix(self, text: str, *, unsafe: bool = False, markdown: bool = False) -> str:
        """``text`` with its safe fixes applied (unsafe ones too with ``unsafe=True``), as
        ``tadqiq fix`` leaves it."""
    def check_many(
        self, texts: Iterable[str], threads: Optional[int] = None, *, markdown: bool = False
    ) -> List[List[Finding]]:
        """The findings on each text, in input order; checked in parallel on ``threads`` threads
        (default: one per core) with the GIL released."""

def _panic_in_guard() -> None: ...
