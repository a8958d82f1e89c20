"""A dry run of `mycompany sync` reports exactly what the real run does (SPEC §11: "a dry-run that
prints the difference"). #18 trial: a feed naming the same login and number for two companies
listed "+ user ana" and "+ number +44…" under the second on a dry run, where the run refused
both: "This login or e-mail is a user's of company 1", "This number is company 1's". The dry run
writes nothing, so what the feed's earlier companies would take (or free) is kept as it goes."""

from __future__ import annotations

from tests.store.test_sync import jsonl, number, state, sync, user


def _outcome(summary):
    """What a person reads of a run: its bad lines and each company's counts."""
    return ([(b.line, b.company, b.message) for b in summary.bad],
            [(c.company_id, c.users, c.numbers, c.teams) for c in summary.companies])


def _dry_then_real(feed, companies):
    before = [state(c) for c in companies]
    dry = _outcome(sync(feed, dry_run=True))
    assert [state(c) for c in companies] == before  # nothing written
    return dry, _outcome(sync(feed))


def test_a_login_and_a_number_the_feed_gives_two_companies_are_refused_alike(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    feed = jsonl(user(nordwind, "jonas", "owner", email="jonas@nordwind.de"),
                 user(nordwind, "ana"), number(nordwind, "+442079460000"),
                 user(blue, "maria", "owner", email="maria@blueharbor.com"),
                 user(blue, "ana", email="ana2@feed.example"), number(blue, "+442079460000"))
    dry, real = _dry_then_real(feed, [nordwind, blue])
    assert dry == real
    assert [(line, company, message) for line, company, message in real[0]
            if company == blue] == [
        (5, blue, f"This login or e-mail is a user's of company {nordwind}"),
        (6, blue, f"This number is company {nordwind}'s")]


def test_an_e_mail_an_earlier_company_gives_up_is_free_to_a_later_one_alike(demo):
    nordwind, blue = demo["nordwind"], demo["blue"]
    owners = [user(nordwind, "jonas", "owner", email="jonas@nordwind.de"),
              user(blue, "maria", "owner", email="maria@blueharbor.com")]
    sync(jsonl(owners[0], user(nordwind, "tim", email="tim@nordwind.de"), owners[1]))
    # Tim's e-mail changes at Nordwind; Blue Harbor's new user takes the one he had.
    feed = jsonl(owners[0], user(nordwind, "tim", email="tim.new@nordwind.de"), owners[1],
                 user(blue, "tbird", email="tim@nordwind.de"))
    dry, real = _dry_then_real(feed, [nordwind, blue])
    assert dry == real
    assert real[0] == [] and [c[1].added for c in real[1] if c[0] == blue] == [1]
