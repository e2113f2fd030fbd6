from impact.suppression import publish, rounded, share


def test_counts_under_five_are_hidden_and_zero_is_not():
    assert [publish(v)["suppressed"] for v in (0, 1, 4, 5)] == [False, True, True, False]
    assert publish(0) == {"value": 0, "suppressed": False}


def test_counts_are_rounded_to_the_nearest_five():
    assert [rounded(v) for v in (5, 6, 7, 8, 9, 10, 12, 13, 19)] == [
        5,
        5,
        5,
        10,
        10,
        10,
        10,
        15,
        20,
    ]


def test_a_published_count_is_always_a_multiple_of_five():
    assert all(publish(v)["value"] % 5 == 0 for v in range(5, 200))


def test_a_share_is_computed_from_the_rounded_counts():
    # 7 of 8 would be 88%; the published counts are 5 and 10, so the share is 50%.
    assert share(publish(7), publish(8)) == {"value": 50, "suppressed": False}


def test_a_share_of_a_hidden_count_is_hidden():
    assert share(publish(3), publish(20)) == {"value": None, "suppressed": True}


def test_a_share_of_nothing_is_empty_not_hidden():
    assert share(publish(0), publish(0)) == {"value": None, "suppressed": False}
