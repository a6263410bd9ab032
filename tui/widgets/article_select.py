"""The article a structure's or a committee's name takes in a sentence, chosen in a form."""

from textual.widgets import Select

from comite.kernel.grammar import ARTICLES, likely_article
from comite.kernel.i18n import _

# Said under the field: what the article is for, with the three cases a coordinator meets.
ARTICLE_HINT = _("dans les phrases : la MSP…, le Centre…, l’Association…")


class ArticleSelect(Select[str]):
    """« le », « la », « l’ », « les »: prefilled from the name, and following the name as it
    is typed until the coordinator chooses another (then their choice stays)."""

    def __init__(self, article: str, name: str, *, id: str = "article") -> None:
        super().__init__([(a, a) for a in ARTICLES], value=article, allow_blank=False, id=id)
        # What the name suggested last: while the value is still that, the name leads.
        self._suggested = likely_article(name)

    def follow(self, name: str) -> None:
        """The name changed: the article it suggests, unless one was chosen against it."""
        if self.value == self._suggested:
            self._suggested = likely_article(name)
            self.value = self._suggested
