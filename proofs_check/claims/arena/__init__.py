"""Claims about arena ratings: Bradley-Terry maximum likelihood on battle counts."""
