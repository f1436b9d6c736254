"""API resource: emergency drills (应急演练)."""
