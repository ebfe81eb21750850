"""The content of every exercise set: one module per set, named ``exNN.py``.

Each module defines ``EXERCISES = ExerciseSet("NN", ...)``. Modules here are
found automatically: by ``labkit.exercises.list_exercise_sets()``, by
``labkit exercises build`` and by the self-test that proves every question
works. See ``docs/exercises.md``.
"""
