"""Records and vocabularies of the charte d'engagement réciproque: templates (versioned by the
hash of their text), one person's charter, and the signatures of both sides."""

from dataclasses import dataclass, field
from datetime import date

from comite.kernel.i18n import _
from comite.store.committee_models import CommitteeKind, Labelled, Role

# The two boxes of the signature block; also the names of the PDF's signature fields.
STRUCTURE_FIELD = "signature_structure"
PERSON_FIELD = "signature_personne"


class TemplateSource(Labelled):
    SHIPPED = "shipped"
    USER = "user"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"shipped": "Fourni avec comite", "user": "Vos modèles"}


class CharterStatus(Labelled):
    TO_GENERATE = "to_generate"
    TO_SIGN = "to_sign"
    SIGNED = "signed"
    TO_RESIGN = "to_resign"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"to_generate": "À générer", "to_sign": "À signer", "signed": "Signée",
                "to_resign": "À re-signer"}


class Side(Labelled):
    STRUCTURE = "structure"
    PERSON = "person"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"structure": "Pour la structure", "person": "La personne engagée"}

    @property
    def field_name(self) -> str:
        return STRUCTURE_FIELD if self is Side.STRUCTURE else PERSON_FIELD


class SignatureMethod(Labelled):
    PAPER = "paper"  # a printed copy came back signed
    PDF = "pdf"  # signed in a PDF reader, in one of the empty fields
    PADES = "pades"  # signed by comite with the structure's certificate

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"paper": "Sur papier", "pdf": "Dans le PDF (lecteur PDF)",
                "pades": "Signature électronique de la structure"}


@dataclass(frozen=True, slots=True)
class CharterTemplate:
    """One version of a template: its front matter, its Markdown body and the hash of its text."""

    template_id: str
    title: str
    version: int
    roles: tuple[Role, ...]
    committee_kinds: tuple[CommitteeKind, ...]
    body: str
    text: str  # the whole file, front matter included: what the hash is of
    content_hash: str
    source: TemplateSource = TemplateSource.SHIPPED
    body_line: int = 1  # line of the file where the body starts, for messages

    @property
    def short_hash(self) -> str:
        return self.content_hash[:12]

    @property
    def label(self) -> str:
        return _("{title} (v{version})").format(title=self.title, version=self.version)


@dataclass(frozen=True, slots=True)
class CharterSignature:
    side: Side
    method: SignatureMethod
    signer: str
    signed_on: date
    scan_path: str = ""
    scan_sha256: str = ""


@dataclass(frozen=True, slots=True)
class Charter:
    """One person's charter: what it was made from (template version, values) and the PDF's hash."""

    id: int
    uid: str  # the reference printed at the foot of every page
    person_id: int
    person_name: str
    committee_id: int | None
    committee_name: str
    template: CharterTemplate
    data: dict[str, str]
    pdf_sha256: str
    generated_at: str
    # The text the template's current version prints; None once the template left the catalog.
    current_body: str | None
    signatures: tuple[CharterSignature, ...] = field(default=())
    ends_on: date | None = None  # when the engagement it records ends, for the reminders

    @property
    def generated_on(self) -> date:
        """The day it was made, in French time (the store keeps UTC)."""
        from comite.kernel.zones import DEFAULT_ZONE, from_utc_iso

        return from_utc_iso(self.generated_at, DEFAULT_ZONE).date()

    def signature(self, side: Side) -> CharterSignature | None:
        return next((s for s in self.signatures if s.side is side), None)

    @property
    def fully_signed(self) -> bool:
        return all(self.signature(side) for side in Side)

    @property
    def template_changed(self) -> bool:
        """Whether the template's text changed since: a new version that changes only its front
        matter (the committees it is offered for, say) leaves what was signed as it stands."""
        return self.current_body is not None and self.current_body != self.template.body

    @property
    def status(self) -> CharterStatus:
        if not self.fully_signed:
            return CharterStatus.TO_GENERATE if self.template_changed else CharterStatus.TO_SIGN
        return CharterStatus.TO_RESIGN if self.template_changed else CharterStatus.SIGNED


@dataclass(frozen=True, slots=True)
class Engagement:
    """A user's seat on a committee, and where its charter stands."""

    person_id: int
    person_name: str
    committee_id: int
    committee_name: str
    committee_kind: CommitteeKind
    role: Role | None  # the person's user role, if any
    status: CharterStatus
    charter_id: int | None
    template_id: str | None


@dataclass(frozen=True, slots=True)
class CharterEnding:
    """A signed charter whose engagement ends soon."""

    charter: Charter
    days_left: int
