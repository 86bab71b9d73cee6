"""Planning: tasks, the programme schedule, the budget, readiness and its charts."""
