from matching.engine.text import (
    opportunity_sentences,
    opportunity_text,
    profile_focus_text,
    profile_text,
    split_sentences,
)


def test_profile_text_has_bio_goals_and_skills(make_profile):
    p = make_profile(bio="I like data", goals="Analyst job", skills=("SQL", "Excel"))
    assert profile_text(p) == "I like data. Analyst job. Skills: SQL, Excel."


def test_focus_text_leaves_the_bio_out(make_profile):
    p = make_profile(bio="I was a nurse", goals="Analyst job", skills=("SQL",))
    assert profile_focus_text(p) == "Analyst job. Skills: SQL."


def test_focus_text_falls_back_to_the_bio(make_profile):
    p = make_profile(bio="I was a nurse", goals="", skills=())
    assert profile_focus_text(p) == "I was a nurse."


def test_empty_profile_gives_empty_text(make_profile):
    assert profile_text(make_profile(bio="", goals="", skills=())) == ""


def test_opportunity_text_has_title_description_and_skills(make_opportunity):
    o = make_opportunity(title="SQL", description="Learn queries.", skills=("SQL",))
    assert opportunity_text(o) == "SQL. Learn queries. Skills: SQL."


def test_split_sentences_handles_arabic_question_mark():
    assert split_sentences("مرحبا؟ كيف حالك. Fine!") == ["مرحبا؟", "كيف حالك.", "Fine!"]


def test_sentences_of_an_empty_description_fall_back_to_the_title(make_opportunity):
    assert opportunity_sentences(make_opportunity(title="Grant", description="")) == ["Grant."]
