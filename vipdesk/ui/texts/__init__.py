"""Texts the interface words for parts of vipdesk that have no window of their own: the
database layer's problems, conflicts with another coordinator's save, and the names of states
and kinds no report catalogue holds. Each module lists English texts for the catalogue."""
