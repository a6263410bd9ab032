"""A folder tree that shows only folders and the kinds of file wanted."""

from collections.abc import Iterable
from pathlib import Path

from textual.widgets import DirectoryTree

PDF = (".pdf",)


class FileTree(DirectoryTree):
    """Folders and the files whose suffix is wanted; hidden ones left out."""

    def __init__(self, path: Path, suffixes: Iterable[str]) -> None:
        self.suffixes = tuple(suffixes)
        super().__init__(path)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        for path in paths:
            if path.name.startswith("."):
                continue
            try:
                if path.is_dir() or path.suffix.lower() in self.suffixes:
                    yield path
            except OSError:
                continue
