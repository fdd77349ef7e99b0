"""attrition: a verified, source-attributed ledger of conflict figures."""

from attrition.model import Claim, Document, Figure, Period, Span

__version__ = "0.1.0"
__all__ = ["Claim", "Document", "Figure", "Period", "Span", "__version__"]
