"""yoy: compare a government unit's yearly reports year over year."""
__version__ = "0.1.0"
