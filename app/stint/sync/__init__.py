"""The sync engine: push the outbox, pull, reconcile. Qt-free: the CLI runs it too."""
