"""Accounts, API tokens, sessions and the access checks every request passes."""
