"""The e-mail importers: .eml files and mbox mailboxes read as canonical interactions."""

from __future__ import annotations

import shutil
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest

from unisono.interactions.importers.base import ImportOptions, Record, Rejected, SourceError
from unisono.interactions.importers.email import EmlImporter, MboxImporter
from unisono.interactions.schemas import validate_interaction

EMAIL = Path(__file__).parents[2] / "fixtures" / "email"
SUPPORT = ["@maison-aubepine.fr"]


def read(importer, path: Path, **extra) -> list[Record | Rejected]:
    timezone = extra.pop("timezone", None)
    return list(importer.read(path, ImportOptions(timezone=timezone, extra=extra)))


def interactions(items: list[Record | Rejected]) -> list[dict]:
    found = [item.data for item in items if isinstance(item, Record)]
    for data in found:
        validate_interaction(data, None)
        orjson.dumps(data)  # what the import service hashes: no unencodable text
    return found


def texts(data: dict) -> list[tuple[str, str]]:
    return [(message["from"], message["text"]) for message in data["messages"]]


def write_eml(path: Path, headers: dict[str, str], body: str = "Bonjour,\n\nMerci.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{name}: {value}" for name, value in headers.items()]
    head = "\n".join(lines) + "\nContent-Type: text/plain; charset=utf-8\n\n"
    path.write_bytes((head + body).encode())
    return path


def test_a_folder_of_eml_files_is_read_recursively_as_one_thread():
    items = read(EmlImporter(), EMAIL / "conversation")

    assert [(item.line, item.raw, item.progress) for item in items] == [
        (1, "2026-10-05-question.eml <7E1D0C1B-4521-LEA@example.org>", 3)
    ]
    assert interactions(items) == [
        {
            "id": "7E1D0C1B-4521-LEA@example.org",
            "channel": "email",
            "subject": "Commande 4521 toujours pas reçue",
            "customer": {
                "id": "lea.martin@example.org",
                "email": "lea.martin@example.org",
                "name": "Léa Martin",
            },
            "agent": "camille.dupont",
            "opened_at": "2026-10-05T09:12:38+02:00",
            "status": "open",
            "messages": [
                {
                    "from": "customer",
                    "at": "2026-10-05T09:12:38+02:00",
                    # the plain part of multipart/alternative; the iPhone footer is not text
                    "text": "Bonjour,\n\nJ'ai passé la commande n°4521 le 28 septembre et je ne "
                    "l'ai toujours pas reçue.\nLe suivi indique « en cours d'acheminement » "
                    "depuis une semaine.\nPouvez-vous me dire où en est mon colis ?\n\n"
                    "Cordialement,\nLéa Martin",
                },
                {
                    "from": "agent",
                    "agent": "camille.dupont",
                    "at": "2026-10-05T14:30:02+02:00",
                    # the sign-off stays; the signature after "-- " and the quote go
                    "text": "Bonjour Madame Martin,\n\nJe suis désolée pour ce retard. Votre "
                    "colis a été retrouvé au centre de tri de\nLyon : il vous sera livré "
                    "demain avant 13 h.\n\nSi ce n'est pas le cas, nous vous rembourserons "
                    "sous 14 jours.\n\nBien cordialement,\nCamille",
                },
                {
                    "from": "customer",
                    "at": "2026-10-06T08:05:11+02:00",
                    # format=flowed joined; the reply header it wrapped is found and cut
                    "text": "Bonjour Camille,\n\nBien reçu, merci beaucoup pour votre aide "
                    "rapide ! Le colis est arrivé ce matin, en parfait état.\n\n"
                    "Bonne journée,\nLéa",
                },
            ],
        }
    ]
    assert EmlImporter().total(EMAIL / "conversation") == 3


def test_one_eml_file_is_one_interaction():
    items = read(EmlImporter(), EMAIL / "conversation" / "2026-10-05-reponse.eml")

    [data] = interactions(items)
    # Alone, Camille's reply is the thread's first message: its recipient is the company
    assert data["id"] == "7E1D0C1B-4521-LEA@example.org"  # the message it answers
    assert texts(data) == [("customer", data["messages"][0]["text"])]
    assert items[0].line == 1
    assert items[0].progress == EmlImporter().total(EMAIL / "conversation/2026-10-05-reponse.eml")


def test_support_addresses_say_who_the_company_is():
    items = read(
        EmlImporter(), EMAIL / "conversation" / "2026-10-05-reponse.eml", support_addresses=SUPPORT
    )

    [data] = interactions(items)
    assert data["customer"] == {
        "id": "lea.martin@example.org",
        "email": "lea.martin@example.org",
        "name": "Léa Martin",
    }
    assert [m["from"] for m in data["messages"]] == ["agent"]
    assert data["status"] == "pending"  # the company wrote last: the customer has an answer


def test_mbox_interleaved_threads_with_an_automatic_reply():
    items = read(MboxImporter(), EMAIL / "support.mbox", support_addresses=SUPPORT)

    assert [(type(item).__name__, item.line, item.raw, item.progress) for item in items] == [
        ("Rejected", 10, "support.mbox #10 <nodate.marc@example.com>", 1),
        ("Record", 1, "support.mbox #1 <a1.paul@example.com>", 6),
        ("Record", 3, "support.mbox #3 <b1.sophie@example.fr>", 10),
    ]
    assert items[0].reason == "support.mbox #10 <nodate.marc@example.com>: no Date header"
    paul, sophie = interactions(items)
    assert {key: paul[key] for key in ("id", "customer", "agent", "opened_at", "status")} == {
        "id": "a1.paul@example.com",
        "customer": {
            "id": "paul.girard@example.com",
            "email": "paul.girard@example.com",
            "name": "Paul Girard",
        },
        "agent": "julien.moreau",
        "opened_at": "2026-10-06T08:00:00+02:00",
        "status": "open",
    }
    assert [(m["from"], m["at"]) for m in paul["messages"]] == [
        ("customer", "2026-10-06T08:00:00+02:00"),
        ("bot", "2026-10-06T08:00:05+02:00"),  # Auto-Submitted: auto-replied
        ("agent", "2026-10-06T09:15:00+02:00"),
        ("customer", "2026-10-06T10:45:00+02:00"),  # no reference header: joined by subject
        ("customer", "2026-10-06T11:00:00+02:00"),  # before the one above in the file
    ]
    assert texts(paul)[2:] == [
        (
            "agent",
            "Bonjour Monsieur Girard,\n\nVous pouvez retourner la lampe gratuitement sous "
            "30 jours : l'étiquette de retour est jointe à ce message.\nLe remboursement sera "
            "fait sous 14 jours après réception.\n\nCordialement,\nJulien Moreau\n"
            "Service client Maison Aubépine",
        ),
        ("customer", "Re-bonjour,\n\nFaut-il aussi renvoyer le carton d'origine ?\n\nPaul"),
        ("customer", "Merci, c'est noté. Je dépose le colis demain.\n\nPaul"),
    ]
    assert sophie["status"] == "pending"
    assert sophie["agent"] == "nathalie.garnier"
    assert texts(sophie) == [
        (
            "customer",
            "Bonjour,\n\nJe ne trouve pas la facture de ma commande 4587 dans mon espace "
            "client.\nPouvez-vous me l'envoyer ?\n\nBien à vous,\nSophie Bernard",
        ),
        (
            "agent",
            "Bonjour Madame Bernard,\n\nVous trouverez votre facture en pièce jointe. Elle est "
            "aussi disponible dans\nvotre espace client, rubrique « Mes commandes ».\n\n"
            "Belle journée,\nNathalie",
        ),
        # its parent is unknown, its References name Sophie's first message
        (
            "customer",
            "Bonjour,\n\nJe n'ai reçu aucune pièce jointe, pouvez-vous renvoyer la facture ?"
            "\n\nSophie Bernard",
        ),
        (
            "agent",
            "Bonjour Madame Bernard,\n\nToutes mes excuses : la facture est bien jointe cette "
            "fois-ci.\n\nBelle journée,\nNathalie",
        ),
    ]
    assert sophie["messages"][2]["at"] == "2026-10-06T10:30:00+00:00"  # its own zone is kept
    assert MboxImporter().total(EMAIL / "support.mbox") == 10


def test_without_support_addresses_the_first_recipient_is_the_company():
    given = interactions(read(MboxImporter(), EMAIL / "support.mbox", support_addresses=SUPPORT))
    default = interactions(read(MboxImporter(), EMAIL / "support.mbox"))
    assert default == given


def test_support_addresses_accept_a_comma_separated_text():
    text = "service@maison-aubepine.fr, @maison-aubepine.fr"
    given = interactions(read(MboxImporter(), EMAIL / "support.mbox", support_addresses=text))
    assert given == interactions(read(MboxImporter(), EMAIL / "support.mbox"))


def test_non_utf8_parts_and_html_only_messages_come_out_as_french_text():
    items = read(EmlImporter(), EMAIL / "charsets")

    by_customer = {data["customer"]["id"]: data for data in interactions(items)}
    francois = by_customer["f.lefevre@example.net"]
    assert francois["customer"]["name"] == "François Lefèvre"
    assert francois["subject"] == "Remboursement non reçu"
    assert texts(francois) == [
        (
            "customer",
            "Bonjour,\n\nJe n’ai toujours pas reçu le remboursement de 49,90 € pour la commande "
            "n°4388.\nÇa fait déjà trois semaines… Ma sœur a eu le même problème.\n\n"
            "Merci d’avance,\nFrançois Lefèvre",
        )
    ]
    assert texts(by_customer["helene.roux@example.com"]) == [
        (
            "customer",
            "Bonjour,\n\nMa commande est arrivée abîmée : le vase en céramique est fêlé.\nJe "
            "souhaiterais un échange ou, à défaut, un remboursement.\n\nCordialement,\n"
            "Hélène Roux",
        )
    ]
    # raw 8-bit headers and body, no charset declared: one header in Latin-1, one in UTF-8
    rene = by_customer["rene.lefevre@example.net"]
    assert (rene["customer"]["name"], rene["subject"]) == ("René Lefèvre", "Reçu abîmé")
    assert texts(rene) == [
        ("customer", "Bonjour,\n\nLe colis est arrivé abîmé, que dois-je faire ?\n\nRené")
    ]
    thomas = by_customer["thomas.petit@example.fr"]
    # it answers a notification that is not in the source: that message is the thread's root
    assert thomas["id"] == "expedition-4610@notifications.maison-aubepine.fr"
    assert texts(thomas) == [
        (
            "customer",
            "Bonjour,\n\nLe lien de suivi que vous m'avez envoyé ne fonctionne pas : « page "
            "introuvable ».\nPourriez-vous me renvoyer le bon numéro ?\n\nMerci,\nThomas Petit",
        )
    ]


def test_files_that_are_not_usable_e_mails_are_rejected_and_the_rest_goes_on():
    items = read(EmlImporter(), EMAIL / "malformed")

    assert [(item.line, item.progress) for item in items] == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert [item.reason for item in items if isinstance(item, Rejected)] == [
        "date-illisible.eml <baddate.marc@example.com>: no usable Date "
        "('samedi prochain vers midi')",
        "notes.eml: not an e-mail: no From and no Date header",
        "sans-date.eml <nodate.marc@example.com>: no Date header",
    ]
    assert [data["id"] for data in interactions(items)] == ["valid.marc@example.com"]


def test_automatic_messages_are_the_bot_s_and_do_not_answer_the_customer(tmp_path):
    service = "service@maison-aubepine.fr"
    ask = {"From": "Léa <lea@example.org>", "To": service, "Subject": "Colis"}
    write_eml(
        tmp_path / "1.eml", ask | {"Message-ID": "<1@x>"} | {"Date": "Mon, 5 Oct 2026 10:00 +0200"}
    )
    ack = {"From": service, "To": "lea@example.org", "In-Reply-To": "<1@x>", "Message-ID": "<2@x>"}
    for n, more in enumerate(
        [
            {"Auto-Submitted": "auto-replied"},
            {"X-Autoreply": "yes"},
            {"Precedence": "bulk"},
            {"Subject": "Réponse automatique : Colis"},
            {"Subject": "Automatic reply: Colis"},
        ]
    ):
        headers = ack | {"Subject": "Re: Colis", "Date": "Mon, 5 Oct 2026 10:01 +0200"} | more
        write_eml(tmp_path / "2.eml", headers, "Nous avons bien reçu votre message.")

        [data] = interactions(read(EmlImporter(), tmp_path))
        assert [m["from"] for m in data["messages"]] == ["customer", "bot"], n
        assert data["status"] == "open"  # an acknowledgement is not an answer
        assert "agent" not in data


def test_a_date_without_zone_is_read_in_the_given_time_zone(tmp_path):
    write_eml(
        tmp_path / "a.eml",
        {"From": "lea@example.org", "To": "service@maison-aubepine.fr", "Subject": "Colis"}
        | {"Date": "Mon, 5 Oct 2026 10:00:00", "Message-ID": "<a@example.org>"},
    )

    [paris] = interactions(read(EmlImporter(), tmp_path, timezone=ZoneInfo("Europe/Paris")))
    assert paris["opened_at"] == paris["messages"][0]["at"] == "2026-10-05T10:00:00+02:00"
    # without one, the time stays local: validation reads it in the bible's time zone
    [item] = read(EmlImporter(), tmp_path)
    assert item.data["opened_at"] == "2026-10-05T10:00:00"


def test_a_message_without_message_id_gets_a_stable_id(tmp_path):
    headers = {"From": "Léa <lea@example.org>", "To": "service@maison-aubepine.fr"}
    write_eml(tmp_path / "a.eml", headers | {"Date": "Mon, 5 Oct 2026 10:00:00 +0200"})

    first = interactions(read(EmlImporter(), tmp_path))
    assert first[0]["id"].startswith("email-")
    assert interactions(read(EmlImporter(), tmp_path)) == first


def test_the_same_message_twice_is_imported_once(tmp_path):
    shutil.copytree(EMAIL / "conversation", tmp_path / "inbox")
    shutil.copy(EMAIL / "conversation/2026-10-05-question.eml", tmp_path / "inbox/copy.eml")

    items = read(EmlImporter(), tmp_path / "inbox")
    [data] = interactions(items)
    assert len(data["messages"]) == 3
    assert items[-1].progress == EmlImporter().total(tmp_path / "inbox") == 4


def test_subject_alone_joins_only_the_same_customer_and_only_without_references(tmp_path):
    service = "service@maison-aubepine.fr"

    def message(n: int, sender: str, to: str, subject: str, **more: str) -> None:
        headers = {"From": sender, "To": to, "Subject": subject, "Message-ID": f"<{n}@x>"}
        headers["Date"] = f"Mon, 5 Oct 2026 1{n}:00:00 +0200"
        write_eml(tmp_path / f"{n}.eml", headers | more)

    message(1, "lea@example.org", service, "Commande 12")
    message(2, "paul@example.com", service, "Commande 12")  # another customer: a new thread
    message(3, service, "lea@example.org", "RE : Commande 12")  # Léa's thread
    message(4, "lea@example.org", service, "Commande 12", References="<elsewhere@x>")

    found = interactions(read(EmlImporter(), tmp_path, support_addresses=[service]))
    assert [(d["id"], [m["from"] for m in d["messages"]]) for d in found] == [
        ("1@x", ["customer", "agent"]),
        ("2@x", ["customer"]),
        ("elsewhere@x", ["customer"]),  # it has a reference header: the subject is not looked at
    ]


def test_threads_come_out_in_the_same_order_every_time():
    first = read(MboxImporter(), EMAIL / "support.mbox")
    assert read(MboxImporter(), EMAIL / "support.mbox") == first
    opened = [data["opened_at"] for data in interactions(first)]
    assert opened == sorted(opened)


def test_memory_stays_flat_on_a_large_mailbox(tmp_path):
    body = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 16 + "\n") * 40
    threads = 150
    with (tmp_path / "big.mbox").open("w", encoding="utf-8") as mbox:
        for reply in (False, True):  # every question first, then every answer: interleaved
            for n in range(threads):
                sender = "agent@maison-aubepine.fr" if reply else f"client{n}@example.org"
                refs = f"In-Reply-To: <q{n}@x>\n" if reply else ""
                mbox.write(
                    f"From {sender} Mon Oct  5 10:00:00 2026\nFrom: {sender}\n"
                    f"To: {f'client{n}@example.org' if reply else 'agent@maison-aubepine.fr'}\n"
                    f"Subject: Question {n}\nDate: Mon, 5 Oct 2026 {10 + reply}:{n % 60:02d}:00 "
                    f"+0200\nMessage-ID: <{'r' if reply else 'q'}{n}@x>\n{refs}\n{body}\n"
                )
    size = (tmp_path / "big.mbox").stat().st_size
    assert size > 10_000_000

    tracemalloc.start()
    try:
        count = sum(1 for item in MboxImporter().read(tmp_path / "big.mbox", ImportOptions()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == threads
    assert peak < size / 5  # a thread's bodies at a time, never the mailbox's


@pytest.mark.parametrize("importer", [EmlImporter(), MboxImporter()])
def test_a_missing_path_is_a_source_error(importer, tmp_path):
    with pytest.raises(SourceError, match="nowhere"):
        list(importer.read(tmp_path / "nowhere", ImportOptions()))
    with pytest.raises(SourceError, match="nowhere"):
        importer.total(tmp_path / "nowhere")


def test_a_file_that_is_not_an_mbox_is_a_source_error():
    with pytest.raises(SourceError, match="no message found"):
        list(MboxImporter().read(EMAIL / "malformed/valide.eml", ImportOptions()))


def test_a_folder_without_eml_files_is_a_source_error(tmp_path):
    (tmp_path / "notes.txt").write_text("rien")
    with pytest.raises(SourceError, match=r"no \.eml file"):
        EmlImporter().total(tmp_path)


def test_support_addresses_must_be_addresses():
    with pytest.raises(SourceError, match="support_addresses"):
        read(EmlImporter(), EMAIL / "conversation", support_addresses={"a": 1})
