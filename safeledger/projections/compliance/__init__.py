"""Compliance per school and period, judged from the read models under the rules
in force, and rolled up to county, city and province. No tables of its own:
every answer is computed from versioned rows, so it can be asked as of any moment.
"""
