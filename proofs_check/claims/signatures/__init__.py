"""Claims about benchmark-signature extraction (arXiv:2509.23488) on planted instances."""
