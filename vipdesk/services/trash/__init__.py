"""Recently deleted: deletes that can be undone for 30 days."""
