"""immunos: research-data integrity checks with an immune-system memory."""

__version__ = "1.4.2"
__author__ = "BiobitWorks"

__all__ = ["__version__"]
