"""The SQLite ledger and its exports."""
