"""Inputs -> Documents (one module per format), and structured connectors -> Documents with Claims."""
