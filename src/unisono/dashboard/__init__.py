"""The dashboard: what a reader sees first, assembled from every domain."""
