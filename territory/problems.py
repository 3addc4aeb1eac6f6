"""Problems found in a data package, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem: file, line (the header is line 1; 0 means the whole file), column, message."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column or '-'}: {self.message}"


class DatasetError(Exception):
    """A data package that cannot be used; ``.problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], path: str = ""):
        self.problems = list(problems)
        self.path = path
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data package"
        where = f" at {path}" if path else ""
        lines = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n… and {count - 20} more" if count > 20 else ""
        super().__init__(f"{head}{where}:\n{lines}{more}")
