"""SQL fragments several services select: one wording of a rule, whichever query needs it."""

from comite.store.committee_models import USER_ROLES, Role

# For an invitee `i` sitting as suppléant(e): the name of the titulaire whose seat they fill.
SUBSTITUTE_FOR_NAME = """
        coalesce((SELECT trim(tp.first_name || ' ' || tp.last_name) FROM memberships t
                  JOIN people tp ON tp.id = t.person_id
                  WHERE t.id = i.seat_key AND i.seat = 'suppleant'), '') AS substitute_for_name"""
# And that titulaire's recorded sex, which « elle vous préviendra » agrees with.
SUBSTITUTE_FOR_SEX = """
        coalesce((SELECT tp.sex FROM memberships t JOIN people tp ON tp.id = t.person_id
                  WHERE t.id = i.seat_key AND i.seat = 'suppleant'), '') AS substitute_for_sex"""



def _has_role(roles: tuple[Role, ...]) -> str:
    return ("EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = p.id AND pr.role IN ("
            + ", ".join(f"'{role.value}'" for role in roles) + "))")


# For a person `p`: the side they speak on (a minutes_models.Side): as a user (RU, patient
# partenaire…), as a professional (a health professional, the coordination, a structure's
# coordinator), or as someone else (a guest with no role).
SIDE = (f"CASE WHEN {_has_role(USER_ROLES)} THEN 'users' "
        f"WHEN {_has_role((Role.PROFESSIONAL, Role.COORDINATOR))} "
        "OR EXISTS (SELECT 1 FROM structures st WHERE st.coordinator_id = p.id) "
        "THEN 'professionals' ELSE 'others' END AS side")
