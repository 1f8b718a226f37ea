"""The data contract: models, loading with one-line errors, schema export, pose geometry."""
