"""Read models: projections that follow the store and write SQL tables.

Each projection writes its rows and its tracking position in one transaction, so a
replay or a crash never double-counts or loses an event. May import the domain's
event classes; never imports the platform.
"""
