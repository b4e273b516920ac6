"""Claims of the marketplace reconstruction (Donahue and Raghavan, arXiv:2602.23293)."""
