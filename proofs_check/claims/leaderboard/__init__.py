"""Claims of Chen, Zhang, Hardt (2026), "Leaderboard Incentives" (arXiv:2603.08371)."""
