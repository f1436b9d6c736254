"""API resource: a school's grid of places and responsible people (网格化管理)."""
