"""The usual items of each kind of committee, used until a committee saves its own template.
Written in the project's own words from what the seeds and the CDU's missions describe."""

from comite.store.minutes_models import Participation, Purpose

# (title, minutes, purpose, degree of participation)
Default = tuple[str, int, Purpose, Participation]

_CLOSING: Default = ("Questions diverses et date de la prochaine réunion", 10,
                     Purpose.INFORMATION, Participation.CONSULTATION)

DEFAULTS: dict[str, tuple[Default, ...]] = {
    "cdu": (
        ("Réclamations et plaintes du trimestre", 30, Purpose.CONSULTATION,
         Participation.CONSULTATION),
        ("Événements indésirables graves", 15, Purpose.INFORMATION, Participation.INFORMATION),
        ("Questionnaires de satisfaction des patients", 20, Purpose.CONSULTATION,
         Participation.CONSULTATION),
        ("Projet des usagers", 25, Purpose.DECISION, Participation.COLLABORATION),
        _CLOSING,
    ),
    "comite_usagers": (
        ("Tour de table et nouvelles de la structure", 15, Purpose.INFORMATION,
         Participation.INFORMATION),
        ("Avancement des projets menés ensemble", 30, Purpose.CONSULTATION,
         Participation.COLLABORATION),
        ("Idées et remarques recueillies auprès des usagers", 20, Purpose.CONSULTATION,
         Participation.CONSULTATION),
        _CLOSING,
    ),
}


def defaults_for(kind: str) -> tuple[Default, ...]:
    return DEFAULTS.get(kind, (_CLOSING,))
