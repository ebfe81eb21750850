"""The threshold explorer shows exactly the threshold that choose_threshold picked.

A browser slider rounds its value to its step. If the chosen threshold were off the slider's scale, the
browser would round it and silently flag a different set of cases from the one the message describes.
"""

from __future__ import annotations

import numpy as np
import pytest

from labkit.evaluate import choose_threshold, threshold_explorer


def _on_scale(value: float, step: float) -> bool:
    return abs(round(value / step) * step - value) < 1e-9


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_chosen_threshold_is_on_the_slider_scale_and_flags_what_the_message_says(seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 2_000)
    scores = np.clip(0.3 * y + rng.uniform(0, 0.7, 2_000), 0, 1)
    box = threshold_explorer(y, scores, cost_action=10, cost_harm=40, prevented=0.5, capacity=499)
    box.choose()
    assert _on_scale(box.slider.value, box.slider.step), "the browser would round this value"
    choice = choose_threshold(
        y, scores, cost_action=10, cost_harm=40, prevented=0.5, capacity=499, plot=False
    )
    flagged_shown = int((scores >= box.slider.value).sum())
    assert flagged_shown <= 499, "the slider's threshold must stay within the capacity"
    if flagged_shown != choice.counts.flagged:
        assert "The slider moves in steps" in box.message.value
    assert f"Of {flagged_shown:,} cases flagged" in box.output.value
