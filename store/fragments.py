"""SQL fragments several services select: one wording of a rule, whichever query needs it."""

from comite.store.committee_models import USER_ROLES

# For an invitee `i` sitting as suppléant(e): the name of the titulaire whose seat they fill.
SUBSTITUTE_FOR_NAME = """
        coalesce((SELECT trim(tp.first_name || ' ' || tp.last_name) FROM memberships t
                  JOIN people tp ON tp.id = t.person_id
                  WHERE t.id = i.seat_key AND i.seat = 'suppleant'), '') AS substitute_for_name"""

# For a person `p`: true when they speak as a user (RU, patient partenaire…).
IS_USER = ("EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = p.id AND pr.role IN ("
           + ", ".join(f"'{role.value}'" for role in USER_ROLES) + ")) AS is_user")
