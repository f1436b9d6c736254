"""The in-app notification resource: the bell of every signed-in user."""
