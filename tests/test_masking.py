from doxaudit.identity import build_identity
from doxaudit.masking import Masker, mask_email, mask_phone, mask_words

IDENT = build_identity(names=["Noor Voorbeeld"], emails=["noor.voorbeeld@example.com"], phones=["06 12345678"],
                       addresses=["Voorbeeldstraat 12, 3511 AB Utrecht"], city="Utrecht", handles=["noorv"])


def test_masks_keep_enough_to_recognise() -> None:
    assert mask_email("sanne@example.nl") == "s****@example.nl"
    assert mask_phone("+31612345678").startswith("+31 6")
    assert mask_phone("+31612345678").endswith("78")
    assert "1234" not in mask_phone("+31612345678")
    assert mask_words("Noor Voorbeeld") == "N*** V********"


def test_masker_hides_every_form_of_the_users_details() -> None:
    text = ("Noor Voorbeeld, noor.voorbeeld@example.com, q=noor.voorbeeld%40example.com, "
            "bel 06-12345678 of +31 6 1234 5678, woont Voorbeeldstraat 12 in Utrecht")
    masked = Masker(IDENT).mask(text)
    for secret in ("Noor Voorbeeld", "noor.voorbeeld@", "noor.voorbeeld%40", "12345678", "1234 5678",
                   "Voorbeeldstraat 12", "Utrecht"):
        assert secret not in masked, secret


def test_other_peoples_details_are_not_masked() -> None:
    masked = Masker(IDENT).mask("Bram Testman, 06-11112222, bram@example.com")
    assert masked == "Bram Testman, 06-11112222, bram@example.com"


def test_reveal_shows_everything() -> None:
    text = "Noor Voorbeeld 06-12345678"
    assert Masker(IDENT, reveal=True).mask(text) == text


def test_handles_are_not_masked_because_evidence_urls_need_them() -> None:
    assert Masker(IDENT).mask("https://github.com/noorv") == "https://github.com/noorv"
