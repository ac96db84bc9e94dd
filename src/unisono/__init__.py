"""Unisono: one service bible, the same answer on every channel."""

__version__ = "0.1.0"
