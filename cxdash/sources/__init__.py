"""Survey-platform exports and other foreign files, mapped through source profiles onto cxdash's imports."""

from cxdash.sources.load import import_source
from cxdash.sources.profile import FIELDS, Profile
from cxdash.sources.read import SourceError, SourceFile

__all__ = ["FIELDS", "Profile", "SourceError", "SourceFile", "import_source"]
