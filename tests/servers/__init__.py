"""Real servers started for tests (each helper skips with its reason when its server cannot run here)."""
