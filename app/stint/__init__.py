"""Stint: an offline-first desktop time tracker for self-hosted task servers."""

__version__ = "0.1.0"
