"""Template Checker: checks sales-pipeline workbooks against the global template."""

__version__ = "0.1.0"
