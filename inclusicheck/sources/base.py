"""What every loader shares: the Target the user named, the LoadOptions, SourceError, and the
size limit. Imported by the loaders and the package, importing none of them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import LocalisedError
from ..model import Document


class SourceError(LocalisedError):
    """A target that cannot be read: reported as that document's error, the run goes on."""


@dataclass(frozen=True)
class Target:
    uri: str
    path: Path | None = None  # local file; None for URLs and stdin
    # Set by the crawler, which had to fetch (and so loaded) the page to find its links:
    document: Document | None = field(default=None, compare=False, repr=False)
    error: SourceError | None = field(default=None, compare=False, repr=False)
    # Content already read (the crawler's response body, stdin): what a worker process loads from,
    # since a Document (lxml tree) cannot be sent to another process.
    data: bytes | None = field(default=None, compare=False, repr=False)
    content_type: str | None = field(default=None, compare=False, repr=False)

    def portable(self) -> "Target":
        """This target without its loaded Document, to be loaded again in another process."""
        if self.document is None or self.data is None:
            return self
        return Target(self.uri, self.path, data=self.data, content_type=self.content_type)


@dataclass(frozen=True)
class LoadOptions:
    max_bytes: int = 20 * 1024 * 1024
    timeout: float = 30.0
    ignore_selectors: tuple[str, ...] = ()
    user_agent: str = "inclusicheck/0.1 (+https://github.com/inclusicheck/inclusicheck)"
    newsletter_globs: tuple[str, ...] = ()  # .html files that are e-mail templates
    social_globs: tuple[str, ...] = ()  # .txt files that are social posts
    kind: str = ""  # --kind: "social" reads every text as posts; "": by suffix and globs


def check_size(size: int, options: LoadOptions) -> None:
    if size > options.max_bytes:
        raise SourceError("source.too_large", size=size, limit=options.max_bytes)
