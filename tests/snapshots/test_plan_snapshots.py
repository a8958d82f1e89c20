"""What a person looks at on the Plan tab, at 80×24 and larger."""


def test_plan_snapshot_80x24(make_app, snap_compare):
    assert snap_compare(make_app(tab="plan"), terminal_size=(80, 24))


def test_plan_snapshot_essentials_teams_limit_120x36(make_app, snap_compare):
    assert snap_compare(make_app("maria@blueharbor.com", tab="plan"), terminal_size=(120, 36))
