"""What a person's profile says for the committee's composition (counts only): sex and
lived experience. Apart from the privacy records so the people list loads only this."""

from comite.kernel.grammar import Gender, gender_of
from comite.store.committee_models import Labelled


class Sex(Labelled):
    UNSAID = ""
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"": "Non renseigné", "female": "Femme", "male": "Homme", "other": "Autre"}

    @property
    def gender(self) -> Gender:
        """The gender a sentence about the person agrees with (`grammar.gendered`): none for
        « autre » or when nothing was said, which keeps « excusé(e) »."""
        return gender_of(self.value)


class LivedAs(Labelled):
    UNSAID = ""
    PATIENT = "patient"
    CARER = "carer"
    BOTH = "both"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"": "Non renseigné", "patient": "Patient(e)", "carer": "Aidant(e)",
                "both": "Patient(e) et aidant(e)"}
