"""The Funding and Costs screens: sources, budgets, costs, grants, cost per participant."""
