"""The LEXIMIN lottery against brute force over every individual panel (issue 19, point 2)."""

import random
from itertools import combinations

import highspy
import numpy as np
import pytest

from tyndau.jury import certificates, relaxation, roundings
from tyndau.jury.lottery import (
    Infeasible,
    Instance,
    InvalidInput,
    Person,
    Quota,
    _relaxed_leximin,
    check_feasibility,
    leximin,
    quotas_from_shares,
)


def _lp_max(panels, n, objective, rows):
    """max objective.p over the simplex of panels with rows (agent, lower bound)
    ... plus a free variable z (last) used by rows with lower bound None (P_i >= z)."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    m = len(panels)
    inf = highspy.kHighsInf
    h.addVars(m + 1, np.zeros(m + 1), np.array([inf] * m + [1.0]))
    h.changeColsCost(m + 1, np.arange(m + 1, dtype=np.int32), np.asarray(objective, dtype=float))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.addRow(1, 1, m, np.arange(m, dtype=np.int32), np.ones(m))
    for agent, lower in rows:
        idx = [j for j, p in enumerate(panels) if agent in p]
        if lower is None:
            h.addRow(
                0,
                inf,
                len(idx) + 1,
                np.array([*idx, m], dtype=np.int32),
                np.array([1.0] * len(idx) + [-1.0]),
            )
        else:
            h.addRow(lower, inf, len(idx), np.array(idx, dtype=np.int32), np.ones(len(idx)))
    h.run()
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    return h.getInfo().objective_function_value


def brute_force_leximin(people, quotas, k, household_rule=False):
    """LEXIMIN probabilities by LP over ALL feasible panels of individuals: at each level
    maximise the minimum, then fix every agent that cannot exceed it."""
    n = len(people)

    def feasible(panel):
        for q in quotas:
            c = sum(1 for i in panel if people[i].traits[q.trait] == q.value)
            if not q.min <= c <= q.max:
                return False
        if household_rule:
            addresses = [people[i].household for i in panel if people[i].household]
            if len(addresses) != len(set(addresses)):
                return False
        return True

    panels = [set(p) for p in combinations(range(n), k) if feasible(p)]
    assert panels
    fixed = {}
    while len(fixed) < n:
        unfixed = [i for i in range(n) if i not in fixed]
        rows = [(i, fixed[i] - 1e-9) for i in fixed] + [(i, None) for i in unfixed]
        z = _lp_max(panels, n, [0.0] * len(panels) + [1.0], rows)
        newly = []
        for i in unfixed:
            objective = [1.0 if i in p else 0.0 for p in panels] + [0.0]
            rows_i = [(j, fixed[j] - 1e-9) for j in fixed] + [(j, z - 1e-9) for j in unfixed]
            if _lp_max(panels, n, objective, rows_i) <= z + 1e-7:
                newly.append(i)
        assert newly
        for i in newly:
            fixed[i] = z
    return [fixed[i] for i in range(n)], panels


def random_instance(seed, n=9, k=4, household=False):
    rng = random.Random(seed)
    traits = {"g": ["f", "m"], "a": ["y", "m", "o"], "v": ["c", "n"]}
    people = [
        Person(
            f"id{i}",
            {t: rng.choice(vs) if rng.random() < 0.7 else vs[0] for t, vs in traits.items()},
            f"addr{rng.randrange(n // 2)}" if household and rng.random() < 0.6 else "",
        )
        for i in range(n)
    ]
    shares = {t: {v: rng.uniform(0.3, 1.0) for v in vs} for t, vs in traits.items()}
    for slack in range(0, 4):
        instance = Instance(people, quotas_from_shares(shares, k, slack=slack), k, household)
        if check_feasibility(instance).feasible:
            return instance
    pytest.fail("no feasible tiny instance")


def _quotas_hold(instance, lottery):
    for composition in lottery.compositions:
        x = np.array(composition)
        assert x.sum() == instance.panel_size
        assert (x <= instance.type_sizes).all()
        for qi, q in enumerate(instance.quotas):
            assert q.min <= x[instance.quota_types[qi]].sum() <= q.max, (q, composition)
        for h in instance.households:
            assert x[h].sum() <= 1


@pytest.mark.parametrize("seed", range(6))
def test_leximin_equals_brute_force_over_all_panels(seed):
    instance = random_instance(seed)
    expected, _ = brute_force_leximin(instance.people, instance.quotas, instance.panel_size)
    lottery = leximin(instance)
    got = lottery.probabilities
    for person, want in zip(instance.people, expected, strict=True):
        assert got[person.id] == pytest.approx(want, abs=1e-6), person
    assert sum(got.values()) == pytest.approx(instance.panel_size, abs=1e-9)
    assert sum(lottery.weights) == pytest.approx(1.0)
    _quotas_hold(instance, lottery)


@pytest.mark.parametrize("seed", range(6))
def test_panels_put_aside_by_the_decomposition_still_give_the_leximin(seed, monkeypatch):
    # No roundings and a master that keeps only its basic panels: the column generation
    # runs with panels going aside and back at every iteration.
    monkeypatch.setattr(roundings, "ROUNDINGS_PER_TYPE", 0)
    monkeypatch.setattr(relaxation, "MASTER_PANELS_PER_TYPE", 0)
    instance = random_instance(seed)
    expected, _ = brute_force_leximin(instance.people, instance.quotas, instance.panel_size)
    lottery = leximin(instance)
    for person, want in zip(instance.people, expected, strict=True):
        assert lottery.probabilities[person.id] == pytest.approx(want, abs=1e-6), person
    _quotas_hold(instance, lottery)


@pytest.mark.parametrize("seed", range(3))
def test_household_rule_equals_brute_force(seed):
    instance = random_instance(100 + seed, n=9, k=3, household=True)
    assert instance.households, "the instance must have shared addresses"
    expected, panels = brute_force_leximin(instance.people, instance.quotas, 3, household_rule=True)
    lottery = leximin(instance)
    for person, want in zip(instance.people, expected, strict=True):
        assert lottery.probabilities[person.id] == pytest.approx(want, abs=1e-6)
    _quotas_hold(instance, lottery)
    # Housemates are never on a panel together: their probabilities sum to at most 1.
    by_address = {}
    for person in instance.people:
        if person.household:
            by_address.setdefault(person.household, []).append(lottery.probabilities[person.id])
    assert all(sum(ps) <= 1 + 1e-9 for ps in by_address.values())


def test_leximin_is_fairer_than_uniform_over_panels():
    """The minimum beats the naive lottery (uniform over all feasible panels)."""
    instance = random_instance(3)
    _, panels = brute_force_leximin(instance.people, instance.quotas, instance.panel_size)
    uniform_min = min(sum(i in p for p in panels) / len(panels) for i in range(instance.n))
    assert leximin(instance).summary()["minimum"] >= uniform_min - 1e-9


def test_person_who_cannot_be_selected_gets_zero():
    people = [Person("a", {"g": "f"}), Person("b", {"g": "f"}), Person("c", {"g": "m"})]
    quotas = [Quota("g", "f", 2, 2), Quota("g", "m", 0, 0)]
    lottery = leximin(Instance(people, quotas, 2))
    assert lottery.probabilities == {"a": pytest.approx(1.0), "b": pytest.approx(1.0), "c": 0.0}


def test_infeasible_quotas_name_the_values_and_the_smallest_fix():
    people = [
        Person(f"p{i}", {"g": "f" if i < 2 else "m", "a": "y" if i % 2 else "o"}) for i in range(8)
    ]
    quotas = [
        Quota("g", "f", 3, 4),  # only 2 women in the pool
        Quota("g", "m", 0, 4),
        Quota("a", "y", 2, 3),
        Quota("a", "o", 2, 3),
    ]
    feasibility = check_feasibility(Instance(people, quotas, 5))
    assert not feasibility.feasible
    assert [(f.trait, f.value, f.new_min, f.new_max, f.available) for f in feasibility.fixes] == [
        ("g", "f", 2, 4, 2)
    ]
    assert feasibility.total_change == 1
    with pytest.raises(Infeasible, match="g=f"):
        leximin(Instance(people, quotas, 5))


def test_smallest_fix_is_minimal_across_traits():
    # Panel of 4; maxima sum to 3 on gender: one more seat must be allowed somewhere.
    people = [Person(f"p{i}", {"g": "f" if i < 4 else "m"}) for i in range(8)]
    quotas = [Quota("g", "f", 1, 2), Quota("g", "m", 1, 1)]
    feasibility = check_feasibility(Instance(people, quotas, 4))
    assert feasibility.total_change == 1
    relaxed = Instance(people, feasibility.relaxed_quotas, 4)
    assert check_feasibility(relaxed).feasible


def test_pool_smaller_than_panel_is_reported():
    feasibility = check_feasibility(Instance([Person("a", {"g": "f"})], [Quota("g", "f", 0, 2)], 2))
    assert not feasibility.feasible and "only 1" in feasibility.message


def test_malformed_input_lists_every_problem():
    with pytest.raises(InvalidInput) as error:
        Instance(
            [Person("a", {"g": "x"}), Person("a", {"g": "f"}), Person("b", {})],
            [Quota("g", "f", 2, 1)],
            2,
        )
    text = str(error.value)
    assert "'a' appears 2 times" in text
    assert "g='x' has no quota row" in text
    assert "'b' has no value" in text
    assert "min <= max" in text


@pytest.mark.parametrize("seed", range(3))
def test_first_level_alone_is_the_maximin(seed):
    instance = random_instance(seed)
    expected, _ = brute_force_leximin(instance.people, instance.quotas, instance.panel_size)
    maximin = leximin(instance, max_levels=1)
    assert maximin.summary()["minimum"] == pytest.approx(min(expected), abs=1e-7)
    _quotas_hold(instance, maximin)


def _out_of_reach_instance():
    rows = [
        ("id0", "a", "a", "c"),
        ("id1", "a", "a", "a"),
        ("id2", "a", "a", "c"),
        ("id3", "a", "b", "b"),
        ("id4", "a", "a", "a"),
        ("id5", "b", "a", "c"),
        ("id6", "b", "a", "b"),
        ("id7", "b", "b", "a"),
        ("id8", "a", "b", "a"),
    ]
    people = [Person(pid, {"x": x, "y": y, "z": z}) for pid, x, y, z in rows]
    quotas = [
        Quota("x", "a", 0, 1),
        Quota("x", "b", 2, 3),
        Quota("y", "a", 1, 2),
        Quota("y", "b", 1, 2),
        Quota("z", "a", 0, 1),
        Quota("z", "b", 1, 2),
        Quota("z", "c", 1, 2),
    ]
    instance = Instance(people, quotas, 3)
    return instance


def test_when_real_panels_cannot_reach_the_relaxation_the_levels_give_the_leximin():
    """The fast way decomposes the LEXIMIN of the quotas' linear relaxation into panels.
    Here (found by a search over random tiny pools) the relaxation promises everyone at
    least 1/7, but no lottery of real panels gives id1 and id4 anything once everyone
    else has theirs: the levels must take over, and they match brute force."""
    instance = _out_of_reach_instance()
    people, quotas = instance.people, instance.quotas
    relaxed, _levels = _relaxed_leximin(instance)
    assert relaxed.min() == pytest.approx(1 / 7)
    expected, _ = brute_force_leximin(people, quotas, 3)
    assert min(expected) == 0.0
    lottery = leximin(instance)
    assert lottery.method == "levels"
    for person, want in zip(people, expected, strict=True):
        assert lottery.probabilities[person.id] == pytest.approx(want, abs=1e-6)
    _quotas_hold(instance, lottery)


@pytest.mark.parametrize("seed", range(3))
def test_the_fast_way_is_taken_when_panels_reach_the_relaxation(seed):
    lottery = leximin(random_instance(seed))
    assert lottery.method == "relaxation"  # and equals brute force (the test above)


@pytest.mark.parametrize("seed", [0, 2, 3])
def test_a_decomposition_that_tails_off_ends_exact_by_the_integer_programme(seed, monkeypatch):
    # No roundings, and the integer programme from the first iteration above the first
    # level: the decomposition still reaches the LEXIMIN (or proves it cannot), never a
    # lottery that is only right at the first level.
    monkeypatch.setattr(roundings, "ROUNDINGS_PER_TYPE", 0)
    monkeypatch.setattr(relaxation, "TAIL_ITERATIONS", 0)
    instance = random_instance(seed, n=10)
    expected, _ = brute_force_leximin(instance.people, instance.quotas, instance.panel_size)
    lottery = leximin(instance)
    for person, want in zip(instance.people, expected, strict=True):
        assert lottery.probabilities[person.id] == pytest.approx(want, abs=1e-6), person
    assert sum(lottery.probabilities.values()) == pytest.approx(instance.panel_size, abs=1e-9)
    _quotas_hold(instance, lottery)
    assert certificates.verify(lottery) == []


def _panel_vectors(instance):
    """pi_P (members of each type / its size) of every quota-satisfying individual panel."""
    people, quotas, k = instance.people, instance.quotas, instance.panel_size
    _, panels = brute_force_leximin(people, quotas, k, household_rule=instance.household_rule)
    vectors = np.zeros((len(panels), len(instance.type_keys)))
    for row, panel in zip(vectors, panels, strict=True):
        for i in panel:
            row[instance.type_of[i]] += 1
    return vectors / instance.type_sizes


def _check_certificates(instance, lottery):
    """Each level's certificate, against every panel there is: its weights y are >= 0 and
    sum to 1 over the types not fixed yet, no panel weighs more than its B, so no lottery
    that keeps the earlier levels gives those types more than the level; the lottery gives
    each of them the level and each fixed type its earlier value."""
    vectors = _panel_vectors(instance)
    assert lottery.certificates, "every level has its certificate"
    assert len(lottery.certificates) == lottery.levels
    for cert in lottery.certificates:
        free = np.isnan(cert.fixed)
        assert (cert.weights >= 0).all()
        assert cert.weights[free].sum() == pytest.approx(1.0, abs=1e-12)
        assert (vectors @ cert.weights).max() <= cert.panel_bound + 1e-9
        assert cert.bound <= cert.value + 1e-7
        assert (lottery.type_probability[free] >= cert.value - 1e-7).all()
        held = ~free
        assert (lottery.type_probability[held] >= cert.fixed[held] - 1e-7).all()
    assert certificates.verify(lottery) == []


@pytest.mark.parametrize("seed", [0, 2, 4, 5])
def test_each_level_has_a_certificate_that_no_panel_beats(seed):
    instance = random_instance(seed)
    lottery = leximin(instance)
    assert lottery.levels >= 2, "an instance with several levels"
    _check_certificates(instance, lottery)


def test_the_levels_certificates_hold_when_the_relaxation_is_out_of_reach():
    instance = _out_of_reach_instance()
    lottery = leximin(instance)
    assert lottery.method == "levels" and lottery.levels >= 2
    _check_certificates(instance, lottery)


def test_a_certificate_that_a_panel_beats_is_refused():
    instance = random_instance(1)
    lottery = leximin(instance)
    cert = lottery.certificates[-1]
    lottery.certificates[-1] = certificates.Certificate(
        cert.value, cert.weights, cert.fixed, cert.panel_bound - 0.01
    )
    assert any("a panel has weight" in p for p in certificates.verify(lottery))
    lottery.certificates[-1] = cert
    lottery.type_probability = lottery.type_probability * 0.99
    assert any("less than" in p for p in certificates.verify(lottery))
