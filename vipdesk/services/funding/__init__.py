"""Funding sources, costs and their allocation, Erasmus+ grants, exchange rates."""
