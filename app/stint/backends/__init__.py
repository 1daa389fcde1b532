"""Adapters for task servers, behind one protocol.

`base` holds the protocol, the values and the error tree; `kinds` the registry of
server kinds; `http` the HTTP border every adapter shares; `auth` renew-and-retry.
Import the module you need: this package re-exports nothing, so importing `base`
or `kinds` never loads httpx (only the sync engine and account setup do, off the
start-up path).
"""
