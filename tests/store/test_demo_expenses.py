"""The example's expenses: the structures' rates, four users' travel to the held meetings with
amounts computed by hand (a half cent rounded up), one parking ticket, nothing for a meeting
to come."""

from comite.store.meeting_models import MeetingStatus


def test_the_example_gains_rates_and_four_users_travel(example):
    msp, hospital = (next(s for s in example.structures.all() if s.name == name)
                     for name in ("MSP des Tilleuls", "Centre hospitalier de Valmont"))
    assert example.structures.km_rate_mills(msp.id) == 320
    assert example.structures.km_rate_mills(hospital.id) == 250
    rows = example.expenses.of_year(2025) + example.expenses.of_year(2026)
    assert len(rows) == 12
    names = {example.people.get(e.person_id).full_name for e in rows}
    assert names == {"Martine Perrin", "Chloé Muller", "Léo Lambert", "Inès David"}
    held = {m.id for m in example.meetings.all(statuses=(MeetingStatus.HELD,))}
    assert {e.meeting_id for e in rows} == held
    martine = [e for e in example.expenses.of_year(2026)
               if example.people.get(e.person_id).full_name == "Martine Perrin"]
    # 12,5 km × 0,25 € = 3,125 € → 3,13 €; the third meeting adds 4,50 € of parking.
    assert [e.amount_cents for e in martine] == [313, 313, 763]
    assert [(e.other_label, e.other_cents) for e in rows if e.other_cents] == [
        ("Parking de l’hôpital", 450)]
    ines = [e for e in rows if example.people.get(e.person_id).full_name == "Inès David"]
    assert [(e.km, e.km_rate_mills, e.amount_cents) for e in ines] == [(41, 320, 1312)] * 2
