"""General game-theory facts (and one deliberate falsehood) checked on random games."""
