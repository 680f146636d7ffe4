"""tadqiq: a fast Arabic text-quality linter and corrector (the Rust core, from Python).

>>> import tadqiq
>>> linter = tadqiq.Linter()                 # or Linter("tadqiq.toml"), Linter({"rules": {...}})
>>> for f in linter.check("تطرق القاء إلى التحديات"):
...     print(f.rule, f.start, f.end, f.suggestions, f.fix)

``Linter.check(text)`` returns a list of :class:`Finding`; ``Linter.fix(text, unsafe=False)``
returns the text with its safe fixes applied; ``Linter.check_many(texts, threads=None)`` checks a
batch in parallel with the GIL released. ``tadqiq.spark.check_column`` does it on a Spark
DataFrame. The module-level :func:`check`, :func:`fix` and :func:`check_many` use one default
linter (the defaults, no configuration file), made on first use.
"""

from __future__ import annotations

import threading
from typing import Iterable, List, Optional

from ._tadqiq import ConfigError, Finding, Linter, TadqiqError, __version__

__all__ = [
    "Linter",
    "Finding",
    "TadqiqError",
    "ConfigError",
    "check",
    "fix",
    "check_many",
    "__version__",
]

_default: Optional[Linter] = None
_default_lock = threading.Lock()


def _linter() -> Linter:
    global _default
    with _default_lock:
        if _default is None:
            _default = Linter()
        return _default


def check(text: str, *, markdown: bool = False) -> List[Finding]:
    """The findings on ``text`` with the default configuration (see :meth:`Linter.check`)."""
    return _linter().check(text, markdown=markdown)


def fix(text: str, *, unsafe: bool = False, markdown: bool = False) -> str:
    """``text`` with its safe fixes applied (and unsafe ones with ``unsafe=True``), with the
    default configuration (see :meth:`Linter.fix`)."""
    return _linter().fix(text, unsafe=unsafe, markdown=markdown)


def check_many(
    texts: Iterable[str], threads: Optional[int] = None, *, markdown: bool = False
) -> List[List[Finding]]:
    """The findings on each text, in order, checked in parallel (see :meth:`Linter.check_many`)."""
    return _linter().check_many(texts, threads, markdown=markdown)
