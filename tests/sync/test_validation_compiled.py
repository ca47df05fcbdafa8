"""The compiled per-field checks of ``sync/validation.py`` decide nothing alone: whatever
they vouch for, the entity declaration's own check (``EntitySpec.check`` of the value as
written) accepts too, for every synced entity and field."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from anhorigdesk.store.entities import ENTITIES, InvalidRecord
from anhorigdesk.sync import validation

_CHOICES = sorted({c for spec in ENTITIES.values() for allowed in spec.choices.values() for c in allowed})

values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-3, max_value=20_000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["", " ", "2026-03-01", "2026-03-01T10:00:00+01:00", "2026-03-01T10:00:00",
                     "2026-13-40", " 2026-03-01", *_CHOICES, *(f" {c} " for c in _CHOICES[:5])]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
FIELDS = sorted((name, field) for name, spec in ENTITIES.items() if spec.synced for field in spec.fields)


def _declaration_accepts(entity: str, field: str, value: Any) -> bool:
    spec = ENTITIES[entity]
    try:
        spec.check(validation._as_written(spec.fields, {field: value}), creating=False)
    except InvalidRecord:
        return False
    return True


@settings(max_examples=1500, deadline=None)
@given(place=st.sampled_from(FIELDS), value=values)
def test_compiled_check_vouches_only_for_what_the_declaration_accepts(place: tuple[str, str], value: Any) -> None:
    entity, field = place
    fits = validation._field_checks(ENTITIES[entity])[field](value)
    accepted = _declaration_accepts(entity, field, value)
    if fits:
        assert accepted, (entity, field, value)
    # and check_content gives the declaration's answer either way
    mutation = {"entity": entity, "op": "upsert", "fields": {field: value}, "entity_id": "x",
                "carer_id": "x"}
    try:
        validation.check_content(mutation)
    except validation.MutationInvalid as exc:
        assert not accepted and exc.field == field
    else:
        assert accepted


def test_common_values_take_the_compiled_path() -> None:
    """The benchmark's entry and carer fields are vouched for without the declaration."""
    entry = ENTITIES["entry"]
    checks = validation._field_checks(entry)
    assert checks["carer_id"]("c1") and checks["occurred_at"]("2026-03-01T10:00:00+01:00")
    assert checks["data"]({"text": "t"}) and not checks["occurred_at"]("2026-03-01T10:00:00")
    assert validation._field_checks(ENTITIES["carer"])["name"]("Provperson")
    assert not validation._field_checks(ENTITIES["carer"])["name"]("   ")
