"""QR code (SVG) for a registration's check-in code."""

import io

import segno


def checkin_qr_svg(*, code: str) -> bytes:
    # Only the code goes into the QR: no name or email that a photo of her phone could leak.
    qr = segno.make(code, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=6, border=4, xmldecl=True, title="Check-in code")
    return out.getvalue()
