"""One module per signal. Each computes a whole batch at once and returns a float array with
NaN where the signal's data is absent (reported as ``null``, never as 0)."""
