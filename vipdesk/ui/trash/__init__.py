"""Edit → Recently deleted."""
