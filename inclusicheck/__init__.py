"""inclusicheck: accessibility and inclusive-communication checks for French public bodies."""
__version__ = "0.1.0"
