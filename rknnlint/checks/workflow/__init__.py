"""Workflow rules: the source config that travels with a model."""
