"""Shared helpers of the signature tests: a real unsigned charter (rendered by
exports.pdf.charter from a draft of store.charters, with its two empty signature fields),
throwaway certificates, and the changes a forger could make to a signed file.

Everything is real: the store drafts, ReportLab renders, pyHanko signs and appends changes."""

from io import BytesIO
from pathlib import Path

from comite.exports.signature import Certificate, make_certificate
from comite.store import open_store

STRUCTURE_NAME = "MSP des Tilleuls"


def charter_pdf(folder: Path) -> bytes:
    """The charter of the person with the hostile name, on the template the app suggests: the
    bytes comite writes, and whose sha256 the store records."""
    from comite.exports.pdf.charter import render_charter
    from tests.exports.charter_drafts import HOSTILE, draft_for, fill_demo

    store = open_store(folder / "comite.sqlite")
    try:
        engagement = next(e for e in fill_demo(store) if e.person_name == HOSTILE)
        template = store.charters.suggested(engagement.person_id, engagement.committee_id)
        return render_charter(draft_for(store, engagement, template.template_id))
    finally:
        store.close()


def certificate(folder: Path, name: str = STRUCTURE_NAME) -> Certificate:
    return make_certificate(folder, name)


def pkcs12(cert: Certificate, path: Path, passphrase: bytes) -> Path:
    """The same certificate and key as a .p12 protected by `passphrase`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12 as p12

    key = serialization.load_pem_private_key(cert.key.read_bytes(), None)
    x509_cert = x509.load_pem_x509_certificate(cert.cert.read_bytes())
    path.write_bytes(p12.serialize_key_and_certificates(
        b"structure", key, x509_cert, None, serialization.BestAvailableEncryption(passphrase)))
    return path


def append_annotation(source: Path, out: Path) -> Path:
    """`source` with a text annotation (a sticky note) added on page 1, incrementally."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    page = writer.find_page_for_modification(0)[0].get_object()
    note = writer.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"),
        pdf_name("/Subtype"): pdf_name("/Text"),
        pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (60, 600, 80, 620))),
        pdf_name("/Contents"): pdf_string("Défraiement : 500 € par réunion"),
    }))
    page[pdf_name("/Annots")] = generic.ArrayObject([*page.get("/Annots", ()), note])
    writer.update_container(page)
    return _write(writer, out)


def append_page_text(source: Path, out: Path, text: str = "Clause ajoutee apres signature") -> Path:
    """`source` with a line of text drawn over page 1, incrementally."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    stream = f"BT /F1 12 Tf 60 700 Td ({text}) Tj ET".encode("ascii")
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=stream)))
    return _write(writer, out)


def append_info_change(source: Path, out: Path, **entries: str) -> Path:
    """`source` with entries of the document information (/Info) rewritten, incrementally."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(source.read_bytes()))
    info = writer.trailer.raw_get("/Info").get_object()
    for key, value in entries.items():
        info[pdf_name("/" + key)] = generic.TextStringObject(value)
    writer.update_container(info)
    return _write(writer, out)


def flip_byte(source: Path, out: Path, offset: int) -> Path:
    data = bytearray(source.read_bytes())
    data[offset] ^= 0x01
    out.write_bytes(bytes(data))
    return out


def byte_range(data: bytes, nth: int = 0) -> tuple[int, int, int, int]:
    """The /ByteRange of the file's `nth` signature, read with pypdf (an independent reader)."""
    import pypdf

    reader = pypdf.PdfReader(BytesIO(data))
    signed = [field["/V"] for field in reader.get_fields().values()
              if field.get("/FT") == "/Sig" and field.get("/V") is not None]
    signed.sort(key=lambda value: int(value.get_object()["/ByteRange"][1]))
    return tuple(int(n) for n in signed[nth].get_object()["/ByteRange"])


def _write(writer, out: Path) -> Path:
    buffer = BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out
