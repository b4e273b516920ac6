"""What a user runs from a file: leaderboard configurations, sweep specifications and the
designer's protocol search. Sits on top of every model layer."""
