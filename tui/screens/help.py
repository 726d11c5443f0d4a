"""The help screen: every key of the app, by screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

KEYS = """\
# Keys

| key | where | does |
|---|---|---|
| `enter` | lists | open the dossier, provision, concern or search hit |
| `escape` | everywhere | back / close |
| `c` | dossiers, dossier | concern matrix of the dossier |
| `/` | everywhere | full-text search over all stages |
| `i` | everywhere | import a document as a stage |
| `e` | dossiers, dossier | export a memo, table or report |
| `s` | dossier | choose the stages to compare (1 to 4) |
| `m` | dossier | switch columns / redline |
| `n` / `p` | dossier | next / previous change |
| `o` | dossier | open the concern of the provision's badge |
| `a` | concern matrix, concern | assess the concern in a stage |
| `ctrl+p` | everywhere | command palette |
| `?` | everywhere | this help |
| `q` | everywhere | quit |

**Markers** in the provision tree, against the first stage:
`~` modified · `+` added · `-` deleted · `<` split · `>` merged · `#` renumbered ·
`◆key` a concern is linked.

**Redlines**: insertions green and underlined, deletions red and struck through; a modal verb,
number or negation that changed is highlighted in yellow.

Stages marked **FICTIONAL — practice text** are made-up practice texts, not real negotiation
texts. **LIMITE** stages are restricted documents: do not share them.
"""


class HelpScreen(ModalScreen[None]):
    """All keys; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(KEYS)
