"""What each page shows, assembled from queries and domain functions: one module per page."""
