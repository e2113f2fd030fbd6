from backend.impact.suppression import suppress


def test_counts_under_five_are_hidden_and_zero_is_not():
    assert suppress([[0, 4, 5, 1]]) == [[False, True, False, True]]


def test_a_single_hidden_cell_in_a_column_hides_the_next_smallest():
    rows = [[3], [7], [9], [19]]  # last row is the total
    assert suppress(rows, total_row=True) == [[True], [True], [False], [False]]


def test_two_hidden_cells_summing_under_five_hide_a_third():
    rows = [[1], [2], [6], [8], [17]]
    assert suppress(rows, total_row=True) == [[True], [True], [True], [False], [False]]


def test_a_hidden_total_with_every_cell_published_hides_the_smallest_cell():
    # The total row's funnel hides 17 (20 - 17 = 3) but 10 + 7 would recompute it.
    rows = [[10, 10], [10, 7], [20, 17]]
    hidden = suppress(rows, nested_rows=True, total_row=True)
    assert hidden[2] == [False, True]
    assert hidden[1][1] is True


def test_nested_row_hides_figures_that_differ_by_one_to_four():
    assert suppress([[12, 10, 10, 5]], nested_rows=True) == [[False, True, True, False]]


def test_pre_hidden_cells_stay_hidden():
    assert suppress([[9], [9], [18]], total_row=True, pre_hidden={(2, 0)}) == [
        [True],
        [False],
        [True],
    ]
